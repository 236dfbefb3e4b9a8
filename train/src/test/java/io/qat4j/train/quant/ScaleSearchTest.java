package io.qat4j.train.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.quant.BlockGrid;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.train.SmallRun;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.Trainer;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;
import io.qat4j.train.data.Evaluation;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.ops.FastOps;

/**
 * The calibrated scale search: never worse than round-to-nearest on its objective (which is
 * round-to-nearest's own block when nothing beats it), every block a legal Q4_0/Q8_0 block, and on a
 * trained model a lower held-out loss than round-to-nearest.
 */
class ScaleSearchTest {
    @TempDir
    Path tmp;

    @Test
    void neverWorseThanRoundToNearestAndDecodesToScaleTimesLevel() {
        var rnd = new SplittableRandom(21);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0}) {
            int rows = 16;
            int cols = 128;
            float[] w = new float[rows * cols];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rnd.nextGaussian() * 0.05 * (i % 97 == 0 ? 6 : 1));
            }
            float[] importance = new float[cols];
            for (int j = 0; j < cols; j++) {
                importance[j] = (float) Math.exp(rnd.nextGaussian() * 2);
            }
            MemorySegment dst = MemorySegment.ofArray(new byte[Math.toIntExact(type.bytesFor(w.length))]);
            var r = ScaleSearch.encode(BlockGrid.of(type), w, 0, rows, cols, importance, dst);
            assertThat(r.blocks()).isEqualTo(rows * cols / 32);
            assertThat(r.chosenError()).isLessThanOrEqualTo(r.rtnError());
            assertThat(r.changed()).isPositive();
            // the reported error is the error of the decoded tensor
            float[] back = new float[w.length];
            TensorCodec.of(type).dequantize(dst, 0, back, 0, w.length);
            double e = 0;
            for (int i = 0; i < w.length; i++) {
                double floor = 1e-3 * mean(importance) + Double.MIN_NORMAL;
                double d = w[i] - back[i];
                e += (importance[i % cols] + floor) * d * d;
            }
            assertThat(e).isCloseTo(r.chosenError(), org.assertj.core.data.Offset.offset(1e-6 * r.chosenError()));
        }
    }

    @Test
    void calibratedQ4_0BeatsRoundToNearestOnHeldOutText() throws IOException {
        Path data = SmallRun.corpus(tmp, 60_000);
        Path model = tmp.resolve("float.gguf");
        new Trainer(SmallRun.config(data, model, 60).evalInterval(0).build()).run(TrainProgress.NONE);
        Path rtn = tmp.resolve("rtn.gguf");
        Path calibrated = tmp.resolve("calibrated.gguf");
        var opts = new PostTrainingQuantizer.Options(GgmlType.Q4_0, PtqMethod.SCALE_SEARCH, data, "q4_0", 4096, 2);
        var report = PostTrainingQuantizer.quantize(model, calibrated, opts);
        PostTrainingQuantizer.quantize(model, rtn,
                new PostTrainingQuantizer.Options(GgmlType.Q4_0, PtqMethod.RTN, null, "q4_0", 1, 1));
        assertThat(report.calibTokens()).isGreaterThanOrEqualTo(4000);
        assertThat(report.search().chosenError()).isLessThan(report.search().rtnError());

        try (GgufFile f = GgufReader.open(calibrated); var engine = Gemma3Model.load(calibrated, 1)) {
            assertThat(f.tensor("blk.0.ffn_up.weight").type()).isEqualTo(GgmlType.Q4_0);
            assertThat(f.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q4_0);
            assertThat(engine.config().vocabSize()).isEqualTo(260);
        }
        byte[] test = CorpusSplit.of(Corpus.read(data)).test();
        int[] tokens = ByteTokenizer.INSTANCE.encode(test);
        double bpbFloat = bitsPerByte(model, tokens);
        double bpbRtn = bitsPerByte(rtn, tokens);
        double bpbCalibrated = bitsPerByte(calibrated, tokens);
        assertThat(bpbRtn).isGreaterThan(bpbFloat);
        assertThat(bpbCalibrated).as("float %.5f, rtn %.5f", bpbFloat, bpbRtn).isLessThan(bpbRtn);
    }

    static double bitsPerByte(Path gguf, int[] tokens) throws IOException {
        try (var ops = new FastOps(2)) {
            var m = GgufImport.loadModel(gguf, 4, 32, ops);
            return Evaluation.run(m, tokens, ByteTokenizer.INSTANCE, 32, 0).bitsPerByte();
        }
    }

    static double mean(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s / a.length;
    }
}
