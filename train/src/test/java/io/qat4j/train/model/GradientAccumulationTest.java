package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.ops.FastOps;

/** Two accumulated half batches give the gradient of the mean over the whole batch. */
class GradientAccumulationTest {

    @Test
    void twoHalfBatchesEqualOneFullBatch() {
        Gemma3Config c = ModelPresets.gemma3(260, 32, 2, 2, 1, 16, 64, 8, 24);
        var r = new SplittableRandom(21);
        int seq = 24;
        int[] in = r.ints(4 * seq, 0, 260).toArray();
        int[] tg = r.ints(4 * seq, 0, 260).toArray();
        try (var ops = new FastOps(2)) {
            var model = new GemmaModel(c, 4, seq, ops);
            ModelInit.initialize(model.layout(), model.parameters(), 3);
            model.zeroGradients();
            double full = model.forward(in, tg, 4, seq);
            model.backward(1f / (4 * seq));
            float[] expected = model.gradients().clone();

            model.zeroGradients();
            double first = model.forward(in, tg, 2, seq);
            model.backward(1f / (4 * seq));
            double second = model.forward(Arrays.copyOfRange(in, 2 * seq, 4 * seq), Arrays.copyOfRange(tg, 2 * seq, 4 * seq),
                    2, seq);
            model.backward(1f / (4 * seq));
            assertThat((first + second) / 2).isCloseTo(full, org.assertj.core.data.Offset.offset(1e-6));
            float[] got = model.gradients();
            double maxRef = 0;
            double maxDiff = 0;
            for (int i = 0; i < got.length; i++) {
                maxRef = Math.max(maxRef, Math.abs(expected[i]));
                maxDiff = Math.max(maxDiff, Math.abs(expected[i] - got[i]));
            }
            assertThat(maxDiff / maxRef).isLessThan(1e-5);
        }
    }
}
