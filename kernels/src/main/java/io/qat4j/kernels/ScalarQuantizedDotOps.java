package io.qat4j.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.qat4j.core.quant.Q8_0Codec;

/** Plain-loop reference for {@link QuantizedDotOps}; the activation quantizer is the Q8_0 codec's own. */
public final class ScalarQuantizedDotOps implements QuantizedDotOps {
    public static final ScalarQuantizedDotOps INSTANCE = new ScalarQuantizedDotOps();

    private ScalarQuantizedDotOps() {}

    @Override
    public void quantizeActivationsQ8_0(float[] x, int off, int n, byte[] q, float[] d) {
        QuantizedDotOps.checkWholeBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            d[b] = Float.float16ToFloat(Q8_0Codec.quantizeBlock(x, off + BLOCK * b, q, BLOCK * b));
        }
    }

    @Override
    public float dotQ4_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks) {
        float s = 0f;
        for (int b = 0; b < nBlocks; b++) {
            long at = wOff + 18L * b;
            int qo = BLOCK * (block0 + b);
            int sum = 0;
            for (int j = 0; j < 16; j++) {
                int packed = w.get(ValueLayout.JAVA_BYTE, at + 2 + j) & 0xFF;
                sum += ((packed & 0x0F) - 8) * q[qo + j] + ((packed >>> 4) - 8) * q[qo + j + 16];
            }
            s += sum * (Float.float16ToFloat(w.get(ScalarOps.I16, at)) * d[block0 + b]);
        }
        return s;
    }

    @Override
    public float dotQ8_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks) {
        float s = 0f;
        for (int b = 0; b < nBlocks; b++) {
            long at = wOff + 34L * b;
            int qo = BLOCK * (block0 + b);
            int sum = 0;
            for (int j = 0; j < BLOCK; j++) {
                sum += w.get(ValueLayout.JAVA_BYTE, at + 2 + j) * q[qo + j];
            }
            s += sum * (Float.float16ToFloat(w.get(ScalarOps.I16, at)) * d[block0 + b]);
        }
        return s;
    }
}
