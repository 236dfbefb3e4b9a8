package io.qat4j.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.quant.BF16Codec;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.core.safetensors.SafetensorsDType;
import io.qat4j.core.tokenizer.HfBpeTokenizer;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * {@code convert --type q4_0} of a checkpoint whose weights already sit on Q4_0 grids finds each block's
 * grid instead of re-deriving it from the block's maximum: from F32 every block is recovered exactly
 * (round-to-nearest would have changed most of them); from BF16 every block is recovered within
 * BF16's rounding. The tokenizer.json becomes a GGUF vocabulary that tokenizes as the BPE does.
 */
class GridRecoveryConvertTest {
    @TempDir
    Path tmp;

    @Test
    void float32GridsAreRecoveredExactly() throws IOException {
        Path dir = tmp.resolve("hf-f32");
        float[] values = SyntheticHfCheckpoint.write(dir, SafetensorsDType.F32, 3);
        Path out = tmp.resolve("q4.gguf");
        var report = HfConverter.convert(dir, out, new HfConverter.Options(GgmlType.Q4_0, "q4_0", null, null));
        assertThat(report.grid().exact()).isEqualTo(report.grid().blocks());
        assertThat(report.grid().blocks()).isEqualTo(matrixValues() / 32);

        var layout = new ParameterLayout(SyntheticHfCheckpoint.config());
        long rtnExact = 0;
        try (GgufFile f = GgufReader.open(out)) {
            for (ParamTensor t : layout.tensors()) {
                float[] got = decode(f, t.name());
                if (t.isMatrix()) {
                    assertThat(f.tensor(t.name()).type()).isEqualTo(GgmlType.Q4_0);
                    for (int i = 0; i < t.size(); i++) {
                        // equal values (a block with a negative scale decodes its zeros as -0.0)
                        assertThat(got[i] == values[t.offset() + i]).as("%s[%d]: %s vs %s", t.name(), i, got[i],
                                values[t.offset() + i]).isTrue();
                    }
                    rtnExact += roundToNearestExactBlocks(values, t);
                } else {
                    for (int i = 0; i < t.size(); i++) {
                        assertThat(got[i]).isEqualTo(1f + values[t.offset() + i]);
                    }
                }
            }
        }
        System.out.printf("grid recovery: %d of %d blocks exact; round-to-nearest would keep %d%n", report.grid().exact(),
                report.grid().blocks(), rtnExact);
        assertThat(rtnExact).as("blocks round-to-nearest keeps").isLessThan(report.grid().blocks() * 3 / 4);
        try (var engine = Gemma3Model.load(out, 1)) {
            assertThat(engine.config().vocabSize()).isEqualTo(SyntheticHfCheckpoint.VOCAB);
        }
    }

    @Test
    void bf16GridsAreRecoveredWithinBf16Rounding() throws IOException {
        Path dir = tmp.resolve("hf-bf16");
        float[] values = SyntheticHfCheckpoint.write(dir, SafetensorsDType.BF16, 4);
        Path out = tmp.resolve("q4.gguf");
        var report = HfConverter.convert(dir, out, new HfConverter.Options(GgmlType.Q4_0, "q4_0", null, null));
        System.out.printf("BF16 grid recovery: %s%n", report.grid());
        assertThat(report.grid().rederived()).isZero();
        assertThat(report.grid().onGrid()).isPositive();
        var layout = new ParameterLayout(SyntheticHfCheckpoint.config());
        try (GgufFile f = GgufReader.open(out)) {
            for (ParamTensor t : layout.tensors()) {
                if (!t.isMatrix()) {
                    continue;
                }
                float[] got = decode(f, t.name());
                for (int i = 0; i < t.size(); i++) {
                    assertThat(BF16Codec.toFloat(BF16Codec.fromFloat(got[i]))).as("%s[%d]", t.name(), i)
                            .isEqualTo(values[t.offset() + i]);
                }
            }
        }
    }

    @Test
    void tokenizerJsonBecomesAVocabularyThatTokenizesLikeTheBpe() throws IOException {
        Path dir = tmp.resolve("hf-tok");
        SyntheticHfCheckpoint.write(dir, SafetensorsDType.F32, 5);
        Path out = tmp.resolve("f32.gguf");
        var report = HfConverter.convert(dir, out, new HfConverter.Options(GgmlType.F32, null, null, "synthetic"));
        assertThat(report.vocabulary().unmergedPieces()).isZero();
        var bpe = HfBpeTokenizer.load(dir.resolve("tokenizer.json"));
        try (GgufFile f = GgufReader.open(out)) {
            assertThat(f.metadata().getString("general.name")).isEqualTo("synthetic");
            var spm = SentencePieceTokenizer.fromGguf(f.metadata());
            for (String text : new String[] {"abc ab a", " abcabc\n\nab", "cab ba  abc", "x<start_of_turn>ab é", ""}) {
                assertThat(spm.encode(text, true, true)).as(text).containsExactly(bpe.encode(text, true, true));
                assertThat(spm.encode(text, false, false)).as(text).containsExactly(bpe.encode(text, false, false));
            }
        }
    }

    private static long matrixValues() {
        return new ParameterLayout(SyntheticHfCheckpoint.config()).tensors().stream().filter(ParamTensor::isMatrix)
                .mapToLong(ParamTensor::size).sum();
    }

    private static long roundToNearestExactBlocks(float[] values, ParamTensor t) {
        float[] back = new float[t.size()];
        TensorCodec.of(GgmlType.Q4_0).roundTrip(values, t.offset(), t.size(), back, 0);
        long exact = 0;
        for (int b = 0; b < t.size() / 32; b++) {
            boolean same = true;
            for (int j = 0; j < 32; j++) {
                same &= back[b * 32 + j] == values[t.offset() + b * 32 + j];
            }
            exact += same ? 1 : 0;
        }
        return exact;
    }

    private static float[] decode(GgufFile f, String name) {
        var t = f.tensor(name);
        float[] v = new float[Math.toIntExact(t.elementCount())];
        TensorCodec.of(t.type()).dequantize(f.data(t), 0, v, 0, v.length);
        return v;
    }
}
