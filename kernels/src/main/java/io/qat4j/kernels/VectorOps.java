package io.qat4j.kernels;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/**
 * The numeric kernels every forward and backward pass is built from. As in Lucene's
 * {@code VectorUtilSupport}, there is a plain scalar implementation ({@link ScalarOps}, the reference
 * that tests compare against) and a Vector-API one chosen at start-up ({@link #best()}).
 *
 * <p>Weight rows are read in their storage format straight from a (memory-mapped) segment at a byte
 * offset; activations are float arrays. Lengths of quantized rows are whole blocks of 32.
 */
public interface VectorOps {

    /** Σ a[aOff+i]·b[bOff+i]. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** Dot product of a float32 weight row with x. */
    float dotF32(MemorySegment w, long wOff, float[] x, int xOff, int n);

    /** Dot product of an fp16 weight row with x. */
    float dotF16(MemorySegment w, long wOff, float[] x, int xOff, int n);

    /** Dot product of a bf16 weight row with x. */
    float dotBF16(MemorySegment w, long wOff, float[] x, int xOff, int n);

    /** Dot product of a Q8_0 weight row with float activations (weights dequantized exactly). */
    float dotQ8_0(MemorySegment w, long wOff, float[] x, int xOff, int n);

    /** Dot product of a Q4_0 weight row with float activations (weights dequantized exactly). */
    float dotQ4_0(MemorySegment w, long wOff, float[] x, int xOff, int n);

    /**
     * A weight matrix times a panel of token activations, reading each weight once for all tokens:
     * {@code out[outOff + t·outStride + r] = W[r] · x[xOff + t·xStride ..+cols)} for rows r in [r0, r1) and
     * tokens t in [0, tokens). Row r of W holds {@code cols} values in {@code type} from byte
     * {@code wOff + r·rowBytes}; types without a direct kernel are dequantized row by row.
     *
     * <p>Each result depends only on its row's weights and its token's activations, never on r0, r1,
     * tokens or the scratch: a batched prefill gives the same bits as one token at a time.
     */
    void matmul(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1, float[] x, int xOff,
            int xStride, int tokens, float[] out, int outOff, int outStride, MatMulScratch scratch);

    /** y[yOff+i] += a·x[xOff+i]. */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** Σ x[off+i]². */
    float sumOfSquares(float[] x, int off, int n);

    /** out[i] = x[i] · scale · w[i]; RMSNorm is this with scale = 1/sqrt(mean(x²)+eps). */
    void scaleMul(float[] x, int xOff, float scale, float[] w, int wOff, float[] out, int outOff, int n);

    /** gate[i] = gelu_tanh(gate[i]) · up[i]. */
    void geluTanhMul(float[] gate, int gOff, float[] up, int uOff, int n);

    /** x[i] *= s. */
    void scale(float[] x, int off, int n, float s);

    /** Largest value of x[off..off+n). */
    float max(float[] x, int off, int n);

    /** x[i] = exp(x[i] − shift); returns Σ of the new values. */
    float expShiftSum(float[] x, int off, int n, float shift);

    /** Dispatches on the weight type; rows of unsupported types must be dequantized by the caller. */
    default float dotRow(GgmlType type, MemorySegment w, long wOff, float[] x, int xOff, int n) {
        return switch (type) {
            case F32 -> dotF32(w, wOff, x, xOff, n);
            case F16 -> dotF16(w, wOff, x, xOff, n);
            case BF16 -> dotBF16(w, wOff, x, xOff, n);
            case Q8_0 -> dotQ8_0(w, wOff, x, xOff, n);
            case Q4_0 -> dotQ4_0(w, wOff, x, xOff, n);
            default -> throw new UnsupportedOperationException("no dot kernel for " + type);
        };
    }

    /** RMSNorm: out = x / sqrt(mean(x²) + eps) · w. */
    default void rmsNorm(float[] x, int xOff, float[] w, int wOff, float[] out, int outOff, int n, float eps) {
        float ss = sumOfSquares(x, xOff, n);
        float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
        scaleMul(x, xOff, inv, w, wOff, out, outOff, n);
    }

    /** In-place softmax of x[off..off+n). */
    default void softmax(float[] x, int off, int n) {
        float m = max(x, off, n);
        float sum = expShiftSum(x, off, n, m);
        scale(x, off, n, 1f / sum);
    }

    /** The fastest implementation this JVM supports (Vector API when present, else scalar). */
    static VectorOps best() {
        return KernelSelector.BEST;
    }

    /** The scalar reference implementation. */
    static VectorOps scalar() {
        return ScalarOps.INSTANCE;
    }
}
