package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.qat4j.core.gguf.GgmlType;

/**
 * ggml's Q6_K (read only): super-blocks of 256 values in 16 sub-blocks of 16 with int8 scales and an
 * fp16 super-scale; 6-bit codes split into 4 low bits ({@code ql}, 128 bytes) and 2 high bits
 * ({@code qh}, 64 bytes). Value = d·scale·(q − 32). Layout: ql (128), qh (64), scales (16), d (2).
 * Each half of 128 values uses 64 ql bytes, 32 qh bytes and 8 scales.
 */
public final class Q6_KCodec implements TensorCodec {
    public static final Q6_KCodec INSTANCE = new Q6_KCodec();
    public static final int BLOCK = 256;
    public static final int BLOCK_BYTES = 210;

    private Q6_KCodec() {}

    @Override
    public GgmlType type() {
        return GgmlType.Q6_K;
    }

    @Override
    public boolean canQuantize() {
        return false;
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        throw new UnsupportedOperationException("qat4j reads Q6_K but does not write it; use q4_0 or q8_0");
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        checkBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = srcOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(src.get(LE_SHORT, at + 208));
            for (int half = 0; half < 2; half++) {
                long ql = at + 64L * half;
                long qh = at + 128 + 32L * half;
                long sc = at + 192 + 8L * half;
                int o = dstOff + b * BLOCK + 128 * half;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int lo0 = u8(src, ql + l);
                    int lo1 = u8(src, ql + l + 32);
                    int hi = u8(src, qh + l);
                    int q1 = ((lo0 & 0x0F) | ((hi & 3) << 4)) - 32;
                    int q2 = ((lo1 & 0x0F) | (((hi >>> 2) & 3) << 4)) - 32;
                    int q3 = ((lo0 >>> 4) | (((hi >>> 4) & 3) << 4)) - 32;
                    int q4 = ((lo1 >>> 4) | (((hi >>> 6) & 3) << 4)) - 32;
                    dst[o + l] = d * s8(src, sc + is) * q1;
                    dst[o + l + 32] = d * s8(src, sc + is + 2) * q2;
                    dst[o + l + 64] = d * s8(src, sc + is + 4) * q3;
                    dst[o + l + 96] = d * s8(src, sc + is + 6) * q4;
                }
            }
        }
    }

    private static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static int s8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at);
    }
}
