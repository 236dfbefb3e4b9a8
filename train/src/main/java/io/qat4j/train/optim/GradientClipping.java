package io.qat4j.train.optim;

/**
 * Global gradient-norm clipping as torch.nn.utils.clip_grad_norm_ does it: when the L2 norm of all
 * gradients exceeds {@code maxNorm}, every gradient is scaled by maxNorm / (norm + 1e-6).
 * The norm is summed in double in a fixed order, so it is the same on every run.
 */
public final class GradientClipping {
    private GradientClipping() {}

    public static double globalNorm(float[] grads, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) grads[i] * grads[i];
        }
        return Math.sqrt(s);
    }

    /** Clips in place (maxNorm <= 0 disables clipping); returns the norm before clipping. */
    public static double clip(float[] grads, int n, double maxNorm) {
        double norm = globalNorm(grads, n);
        if (maxNorm > 0) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                float c = (float) coef;
                for (int i = 0; i < n; i++) {
                    grads[i] *= c;
                }
            }
        }
        return norm;
    }
}
