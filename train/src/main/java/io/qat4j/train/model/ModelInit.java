package io.qat4j.train.model;

import java.util.SplittableRandom;

/**
 * Fresh weights, as the PyTorch peer initialises them: every matrix (the tied embedding included)
 * N(0, 0.02), every norm gain g = 1 (w = 0 in Hugging Face terms). Seeded, so a run is reproducible.
 */
public final class ModelInit {
    public static final double STD = 0.02;

    private ModelInit() {}

    public static void initialize(ParameterLayout layout, float[] params, long seed) {
        var rnd = new SplittableRandom(seed);
        for (ParamTensor t : layout.tensors()) {
            for (int i = 0; i < t.size(); i++) {
                params[t.offset() + i] = t.isMatrix() ? (float) (rnd.nextGaussian() * STD) : 1f;
            }
        }
    }
}
