package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.qat4j.core.gguf.GgmlType;

/**
 * ggml's Q4_K (read only): super-blocks of 256 values = 8 sub-blocks of 32, each with a 6-bit scale
 * and a 6-bit min packed into 12 bytes, under an fp16 super-scale {@code d} and super-min
 * {@code dmin}; 4-bit codes, two 32-value sub-blocks sharing each run of 32 bytes (low nibbles, then
 * high nibbles). Value = d·scale·q − dmin·min. Layout: d (2), dmin (2), scales (12), qs (128).
 */
public final class Q4_KCodec implements TensorCodec {
    public static final Q4_KCodec INSTANCE = new Q4_KCodec();
    public static final int BLOCK = 256;
    public static final int BLOCK_BYTES = 144;

    private Q4_KCodec() {}

    @Override
    public GgmlType type() {
        return GgmlType.Q4_K;
    }

    @Override
    public boolean canQuantize() {
        return false;
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        throw new UnsupportedOperationException("qat4j reads Q4_K but does not write it; use q4_0 or q8_0");
    }

    /** The 6-bit scale (index 0) or min (index 1) of sub-block j from the 12 packed bytes. */
    static int scaleOrMin(MemorySegment s, long at, int j, boolean min) {
        int sc;
        int m;
        if (j < 4) {
            sc = byteAt(s, at + j) & 63;
            m = byteAt(s, at + j + 4) & 63;
        } else {
            sc = (byteAt(s, at + j + 4) & 0x0F) | ((byteAt(s, at + j - 4) >>> 6) << 4);
            m = (byteAt(s, at + j + 4) >>> 4) | ((byteAt(s, at + j) >>> 6) << 4);
        }
        return min ? m : sc;
    }

    private static int byteAt(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        checkBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = srcOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(src.get(LE_SHORT, at));
            float dmin = Float.float16ToFloat(src.get(LE_SHORT, at + 2));
            long scales = at + 4;
            long qs = at + 16;
            int o = dstOff + b * BLOCK;
            for (int chunk = 0; chunk < 4; chunk++) { // 64 values per chunk: two sub-blocks
                int is = 2 * chunk;
                float d1 = d * scaleOrMin(src, scales, is, false);
                float m1 = dmin * scaleOrMin(src, scales, is, true);
                float d2 = d * scaleOrMin(src, scales, is + 1, false);
                float m2 = dmin * scaleOrMin(src, scales, is + 1, true);
                long q = qs + 32L * chunk;
                for (int l = 0; l < 32; l++) {
                    int v = byteAt(src, q + l);
                    dst[o + 64 * chunk + l] = d1 * (v & 0x0F) - m1;
                    dst[o + 64 * chunk + 32 + l] = d2 * (v >>> 4) - m2;
                }
            }
        }
    }
}
