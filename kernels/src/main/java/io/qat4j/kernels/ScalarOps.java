package io.qat4j.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BF16Codec;
import io.qat4j.core.quant.TensorCodec;

/** Plain-loop reference kernels: obviously correct, used by tests to check the fast ones. */
public final class ScalarOps implements VectorOps {
    public static final ScalarOps INSTANCE = new ScalarOps();

    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    private ScalarOps() {}

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float dotF32(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += w.get(F32, wOff + 4L * i) * x[xOff + i];
        }
        return s;
    }

    @Override
    public float dotF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += Float.float16ToFloat(w.get(I16, wOff + 2L * i)) * x[xOff + i];
        }
        return s;
    }

    @Override
    public float dotBF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += BF16Codec.toFloat(w.get(I16, wOff + 2L * i)) * x[xOff + i];
        }
        return s;
    }

    @Override
    public float dotQ8_0(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        float s = 0f;
        for (int b = 0; b < n / 32; b++) {
            long at = wOff + 34L * b;
            float d = Float.float16ToFloat(w.get(I16, at));
            float bs = 0f;
            for (int j = 0; j < 32; j++) {
                bs += w.get(ValueLayout.JAVA_BYTE, at + 2 + j) * x[xOff + 32 * b + j];
            }
            s += d * bs;
        }
        return s;
    }

    @Override
    public float dotQ4_0(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        float s = 0f;
        for (int b = 0; b < n / 32; b++) {
            long at = wOff + 18L * b;
            float d = Float.float16ToFloat(w.get(I16, at));
            float bs = 0f;
            int o = xOff + 32 * b;
            for (int j = 0; j < 16; j++) {
                int q = w.get(ValueLayout.JAVA_BYTE, at + 2 + j) & 0xFF;
                bs += ((q & 0x0F) - 8) * x[o + j] + ((q >>> 4) - 8) * x[o + j + 16];
            }
            s += d * bs;
        }
        return s;
    }

    /** Row by row, token by token, through {@link #dotRow}; other formats dequantize each row once. */
    @Override
    public void matmul(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1, float[] x,
            int xOff, int xStride, int tokens, float[] out, int outOff, int outStride, MatMulScratch scratch) {
        boolean direct = switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0 -> true;
            default -> false;
        };
        for (int r = r0; r < r1; r++) {
            long at = wOff + r * rowBytes;
            float[] row = null;
            if (!direct) {
                row = scratch.tile(cols);
                TensorCodec.of(type).dequantize(w, at, row, 0, cols);
            }
            for (int t = 0; t < tokens; t++) {
                int xo = xOff + t * xStride;
                out[outOff + t * outStride + r] = direct ? dotRow(type, w, at, x, xo, cols) : dot(row, 0, x, xo, cols);
            }
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[off + i] * x[off + i];
        }
        return s;
    }

    @Override
    public void scaleMul(float[] x, int xOff, float scale, float[] w, int wOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * w[wOff + i];
        }
    }

    /** The exact tanh-approximation GELU used by Gemma 3. */
    public static float geluTanh(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
    }

    @Override
    public void geluTanhMul(float[] gate, int gOff, float[] up, int uOff, int n) {
        for (int i = 0; i < n; i++) {
            gate[gOff + i] = geluTanh(gate[gOff + i]) * up[uOff + i];
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        for (int i = 0; i < n; i++) {
            x[off + i] *= s;
        }
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    @Override
    public float expShiftSum(float[] x, int off, int n, float shift) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            x[off + i] = e;
            s += e;
        }
        return s;
    }
}
