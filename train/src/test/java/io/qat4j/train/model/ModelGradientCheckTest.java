package io.qat4j.train.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.ops.FiniteDifference;
import io.qat4j.train.ops.ReferenceOps;

/** Finite differences of the whole model's mean loss at a few random entries of every kind of tensor. */
class ModelGradientCheckTest {

    static Gemma3Config smallConfig() {
        // 2 layers with a 2-layer period: layer 0 local (window 3), layer 1 global; GQA 4:2.
        return new Gemma3Config(23, 16, 2, 4, 2, 8, 24, 16, 1e-6f, 1e6f, 1e4f, 1f, 3,
                Gemma3Config.periodicPattern(2, 2, 3), (float) (1 / Math.sqrt(8)), 0f);
    }

    @Test
    void wholeModelGradientMatchesFiniteDifferences() {
        Gemma3Config c = smallConfig();
        int batch = 2;
        int seq = 7;
        var model = new GemmaModel(c, batch, seq, ReferenceOps.INSTANCE);
        float[] p = model.parameters();
        var rnd = new SplittableRandom(42);
        for (ParamTensor t : model.layout().tensors()) {
            for (int i = 0; i < t.size(); i++) {
                // larger weights than at init so that every path carries signal
                p[t.offset() + i] = t.isMatrix() ? (float) (rnd.nextGaussian() * 0.3) : (float) (1 + rnd.nextGaussian() * 0.3);
            }
        }
        int[] in = rnd.ints(batch * seq, 0, c.vocabSize()).toArray();
        int[] tg = rnd.ints(batch * seq, 0, c.vocabSize()).toArray();
        model.zeroGradients();
        model.forward(in, tg, batch, seq);
        model.backward(1f / (batch * seq));
        float[] g = model.gradients().clone();
        for (ParamTensor t : model.layout().tensors()) {
            if (t.name().startsWith("blk.0.") || t.name().startsWith("blk.1.") || !t.name().startsWith("blk.")) {
                FiniteDifference.check(t.name(), p, t.offset(), t.size(), g, t.offset(),
                        () -> model.forward(in, tg, batch, seq), 3, 3e-3, 1e-4, 2e-2, rnd);
            }
        }
    }
}
