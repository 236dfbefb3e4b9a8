package io.qat4j.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Dot products of quantized weight rows with activations that are themselves quantized to Q8_0, as
 * llama.cpp computes its Q4_0 and Q8_0 matrix-vector products: the activation vector is quantized
 * once ({@link #quantizeActivationsQ8_0}), then each row's dot product multiplies and adds codes in
 * integers within a block of 32 and applies the two block scales once per block. Compared with
 * {@link VectorOps#dotQ4_0} this reads a quarter of the activation bytes and rounds the activations
 * the way llama.cpp does.
 *
 * <p>Activation layout: codes {@code q[32·b + j]} and the block's fp16-rounded scale {@code d[b]} as a
 * float; block {@code b} holds activations {@code 32·b .. 32·b+31}. A dot product over
 * {@code nBlocks} weight blocks starting at byte {@code wOff} pairs weight block i with activation
 * block {@code block0 + i}.
 */
public interface QuantizedDotOps {
    int BLOCK = 32;

    /**
     * Quantizes {@code x[off..off+n)} block by block exactly as ggml's reference Q8_0 quantizer does
     * ({@link io.qat4j.core.quant.Q8_0Codec}): codes to {@code q[0..n)}, the fp16-rounded block scales to
     * {@code d[0..n/32)}.
     *
     * @throws IllegalArgumentException if n is not a multiple of 32
     */
    void quantizeActivationsQ8_0(float[] x, int off, int n, byte[] q, float[] d);

    /** Σ over blocks of fp16(d_w)·d[block]·Σ_j (w_j − 8)·q_j, the inner sums in integers. */
    float dotQ4_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks);

    /** Σ over blocks of fp16(d_w)·d[block]·Σ_j w_j·q_j, the inner sums in integers. */
    float dotQ8_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks);

    /** The fastest implementation this JVM supports (Vector API when present, else scalar). */
    static QuantizedDotOps best() {
        return KernelSelector.BEST_QUANTIZED;
    }

    /** The scalar reference implementation. */
    static QuantizedDotOps scalar() {
        return ScalarQuantizedDotOps.INSTANCE;
    }

    /** Rejects activation lengths that are not whole blocks. */
    static void checkWholeBlocks(int n) {
        if (n % BLOCK != 0) {
            throw new IllegalArgumentException("Q8_0 activations come in blocks of " + BLOCK + " values; got " + n);
        }
    }
}
