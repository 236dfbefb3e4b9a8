package io.qat4j.train.model;

/**
 * Sees what the forward pass multiplies each weight matrix with (calibration statistics for
 * post-training quantization are gathered this way).
 */
@FunctionalInterface
public interface ActivationObserver {

    /**
     * Called before {@code input · weightᵀ} is computed: {@code input} holds {@code rows} rows of
     * {@code weight.cols()} values, row-major. The buffer is the model's own: read it, don't keep it.
     */
    void matmulInput(ParamTensor weight, float[] input, int rows);
}
