package io.qat4j.train.optim;

/**
 * AdamW hyper-parameters (PyTorch's names and defaults for language models).
 *
 * @param beta1        first-moment decay (0.9)
 * @param beta2        second-moment decay (0.95)
 * @param eps          added to the bias-corrected sqrt of the second moment (1e-8)
 * @param weightDecay  decoupled decay applied to matrices only (0.1)
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay) {
    public static final AdamWConfig DEFAULT = new AdamWConfig(0.9, 0.95, 1e-8, 0.1);

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW eps must be positive and weight decay non-negative");
        }
    }
}
