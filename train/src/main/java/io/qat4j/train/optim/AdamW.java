package io.qat4j.train.optim;

import java.util.List;

import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * AdamW in exactly PyTorch's order of operations: {@code w ← w·(1 − lr·wd)}; {@code m ← β1·m + (1−β1)·g};
 * {@code v ← β2·v + (1−β2)·g²}; {@code w ← w − lr/(1−β1ᵗ) · m / (sqrt(v)/sqrt(1−β2ᵗ) + eps)}.
 * Weight decay applies to every matrix (the tied embedding included) and never to 1-D norm gains.
 *
 * <p>Moments are stored as float32 like PyTorch's; each element is updated in double from those
 * stored values, so the update depends only on the checkpointed state (bit-for-bit resume).
 */
public final class AdamW {
    private final List<ParamTensor> tensors;
    private final AdamWConfig config;
    private final float[] m;
    private final float[] v;
    private long step;

    public AdamW(ParameterLayout layout, AdamWConfig config) {
        this(layout.tensors(), layout.size(), config);
    }

    /**
     * An optimiser over any flat array of {@code size} floats cut into tensors (QAT's learned scales,
     * say); as for the model, only tensors with {@link ParamTensor#isMatrix()} are decayed.
     */
    public AdamW(List<ParamTensor> tensors, int size, AdamWConfig config) {
        this.tensors = List.copyOf(tensors);
        this.config = config;
        this.m = new float[size];
        this.v = new float[size];
    }

    public AdamWConfig config() {
        return config;
    }

    /** Updates taken so far. */
    public long step() {
        return step;
    }

    /** First moments (exp_avg), laid out like the parameters. */
    public float[] firstMoments() {
        return m;
    }

    /** Second moments (exp_avg_sq). */
    public float[] secondMoments() {
        return v;
    }

    /** Restores the state saved in a checkpoint. */
    public void restore(long step, float[] firstMoments, float[] secondMoments) {
        if (firstMoments.length != m.length || secondMoments.length != v.length) {
            throw new IllegalArgumentException("AdamW state holds " + firstMoments.length + " / " + secondMoments.length
                    + " moments; the model has " + m.length + " parameters");
        }
        this.step = step;
        System.arraycopy(firstMoments, 0, m, 0, m.length);
        System.arraycopy(secondMoments, 0, v, 0, v.length);
    }

    /** One update of {@code params} from {@code grads} at learning rate {@code lr}. */
    public void update(float[] params, float[] grads, double lr) {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double stepSize = lr / (1 - StrictMath.pow(b1, step));
        double bc2Sqrt = Math.sqrt(1 - StrictMath.pow(b2, step));
        for (ParamTensor t : tensors) {
            double decay = 1 - lr * (t.isMatrix() ? config.weightDecay() : 0);
            int end = t.offset() + t.size();
            for (int i = t.offset(); i < end; i++) {
                double g = grads[i];
                double w = params[i] * decay;
                float mi = (float) (b1 * m[i] + (1 - b1) * g);
                float vi = (float) (b2 * v[i] + (1 - b2) * g * g);
                m[i] = mi;
                v[i] = vi;
                double denom = Math.sqrt(vi) / bc2Sqrt + config.eps();
                params[i] = (float) (w - stepSize * mi / denom);
            }
        }
    }
}
