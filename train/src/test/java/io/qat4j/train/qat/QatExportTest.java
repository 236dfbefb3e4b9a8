package io.qat4j.train.qat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.train.ArrayAssert;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.checkpoint.Checkpoint;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.ops.FastOps;

/**
 * Zero export drift: after QAT steps (so the weights and learned scales have moved off the round-to-
 * nearest grid), the exported Q4_0/Q8_0 GGUF decodes to exactly the forward weights the training model
 * used, gives the training model's logits, and the inference engine agrees to float tolerance.
 */
class QatExportTest {
    @TempDir
    static Path tmp;
    static QatFixture fixture;

    @BeforeAll
    static void teacher() throws IOException {
        fixture = QatFixture.create(tmp);
    }

    static final int[] TOKENS = "And God said, Let there be light: and there was light.".chars().toArray();

    @ParameterizedTest(name = "{0} {1} learned scales {2}")
    @CsvSource({"Q4_0, KD, false", "Q4_0, CE, true", "Q8_0, KD, true", "Q8_0, CE, false"})
    void exportedFileIsTheFakeQuantModel(GgmlType type, QatLoss loss, boolean learned) throws IOException {
        String name = type + "-" + loss + "-" + learned;
        Path out = tmp.resolve(name + ".gguf");
        TrainConfig config = fixture.config(out, 6).build();
        QatOptions options = fixture.options(type, loss, learned);
        fixture.run(config, options, TrainProgress.NONE);

        try (var ops = new FastOps(2); var recipe = new QatRecipe(options, config)) {
            var loaded = Checkpoint.load(config.checkpoint());
            var trained = new GemmaModel(loaded.state().model(), 1, TOKENS.length, ops);
            System.arraycopy(loaded.params(), 0, trained.parameters(), 0, trained.layout().size());
            recipe.prepare(trained, loaded);
            if (learned) {
                assertThat(movedScales(recipe, trained)).as("learned scales moved off round-to-nearest").isPositive();
            }

            float[] forwardWeights = new float[trained.layout().size()];
            for (ParamTensor t : trained.layout().tensors()) {
                trained.transform(t.name()).forward(trained.parameters(), t.offset(), t.rows(), t.cols(), forwardWeights);
            }
            float[] fromFile = new float[trained.layout().size()];
            try (GgufFile f = GgufReader.open(out)) {
                assertThat(f.tensor("blk.0.ffn_up.weight").type()).isEqualTo(type);
                assertThat(f.tensor("blk.1.attn_q.weight").type()).isEqualTo(type);
                assertThat(f.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q8_0);
                assertThat(f.tensor("output_norm.weight").type()).isEqualTo(GgmlType.F32);
                GgufImport.loadWeights(f, trained.layout(), fromFile);
            }
            ArrayAssert.assertSameBits("dequantized export vs training forward weights", forwardWeights, fromFile);

            float[] trainingLogits = trained.logits(TOKENS);
            float[] exportedLogits = GgufImport.loadModel(out, 1, TOKENS.length, ops).logits(TOKENS);
            ArrayAssert.assertSameBits("logits of the exported file vs the fake-quant training model", trainingLogits,
                    exportedLogits);
            assertThat(maxAbsDiff(trainingLogits, inferenceLogits(out))).as("inference engine").isLessThan(1e-4);
        }
    }

    /** Blocks whose learned scale is no longer the round-to-nearest one. */
    static long movedScales(QatRecipe recipe, GemmaModel model) {
        long moved = 0;
        for (ParamTensor t : model.layout().tensors()) {
            LearnedScaleTransform lt = recipe.scales().transform(t.name());
            if (lt == null) {
                continue;
            }
            for (int b = 0; b < t.size() / 32; b++) {
                float nearest = lt.grid().nearestScale(model.parameters(), t.offset() + b * 32);
                if (Float.floatToFloat16(nearest) != Float.floatToFloat16(lt.blockScale(b))) {
                    moved++;
                }
            }
        }
        return moved;
    }

    static float[] inferenceLogits(Path gguf) throws IOException {
        try (var m = Gemma3Model.load(gguf, 1)) {
            var state = m.newState(TOKENS.length, TOKENS.length);
            float[] logits = new float[TOKENS.length * m.config().vocabSize()];
            m.forward(state, TOKENS, 0, TOKENS.length, logits, true);
            return logits;
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(b).hasSameSizeAs(a);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
