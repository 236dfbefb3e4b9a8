package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.ops.FastOps;

/** The fast kernels give bit-identical losses and gradients run after run, whatever the thread count. */
class DeterminismTest {

    static float[] gradients(int threads, Gemma3Config c, int[] in, int[] tg, int batch, int seq, double[] loss) {
        try (var ops = new FastOps(threads)) {
            var model = new GemmaModel(c, batch, seq, ops);
            ModelInit.initialize(model.layout(), model.parameters(), 7);
            model.zeroGradients();
            loss[0] = model.forward(in, tg, batch, seq);
            model.backward(1f / (batch * seq));
            // a second pass over the same buffers must not change anything either
            model.zeroGradients();
            double again = model.forward(in, tg, batch, seq);
            model.backward(1f / (batch * seq));
            assertThat(again).isEqualTo(loss[0]);
            return model.gradients().clone();
        }
    }

    @Test
    void sameBitsWithOneTwoAndThreeThreads() {
        Gemma3Config c = ModelPresets.gemma3(260, 64, 2, 4, 2, 16, 96, 8, 70);
        var r = new SplittableRandom(3);
        int batch = 3;
        int seq = 70;
        int[] in = r.ints(batch * seq, 0, 260).toArray();
        int[] tg = r.ints(batch * seq, 0, 260).toArray();
        double[] l1 = new double[1], l2 = new double[1], l3 = new double[1];
        float[] g1 = gradients(1, c, in, tg, batch, seq, l1);
        float[] g2 = gradients(2, c, in, tg, batch, seq, l2);
        float[] g3 = gradients(3, c, in, tg, batch, seq, l3);
        assertThat(l2[0]).isEqualTo(l1[0]);
        assertThat(l3[0]).isEqualTo(l1[0]);
        io.qat4j.train.ArrayAssert.assertSameBits("2 threads", g1, g2);
        io.qat4j.train.ArrayAssert.assertSameBits("3 threads", g1, g3);
    }
}
