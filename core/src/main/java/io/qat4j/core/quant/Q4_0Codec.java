package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.qat4j.core.gguf.GgmlType;

/**
 * ggml's Q4_0: blocks of 32 values, an fp16 scale and 16 bytes of 4-bit codes.
 *
 * <p>Bit-exact with ggml's reference quantizer ({@code quantize_row_q4_0_ref}): {@code m} is the
 * signed value of largest magnitude (the first on ties), {@code d = m / -8}, {@code id = 1/d} in
 * float32 (0 when d is 0), {@code q = min(15, trunc(x·id + 8.5))}. The codes use the unrounded d;
 * the stored scale is fp16(d). Byte j holds element j in its low nibble and element j+16 in its high
 * nibble; the value is {@code d·(q − 8)}.
 */
public final class Q4_0Codec implements TensorCodec, BlockGrid {
    public static final Q4_0Codec INSTANCE = new Q4_0Codec();
    public static final int BLOCK = 32;
    public static final int BLOCK_BYTES = 18;

    private Q4_0Codec() {}

    @Override
    public GgmlType type() {
        return GgmlType.Q4_0;
    }

    /**
     * Quantizes one block of 32 values at {@code x[off]} into codes 0..15 in element order.
     *
     * @return the fp16 bits of the block scale
     */
    public static short quantizeBlock(float[] x, int off, byte[] codes) {
        float d = INSTANCE.nearestScale(x, off);
        INSTANCE.levels(x, off, d, codes);
        for (int j = 0; j < BLOCK; j++) {
            codes[j] += 8;
        }
        return Float.floatToFloat16(d);
    }

    @Override
    public int minLevel() {
        return -8;
    }

    @Override
    public int maxLevel() {
        return 7;
    }

    /** {@code m / -8}, m the signed value of largest magnitude (the first on ties). */
    @Override
    public float nearestScale(float[] x, int off) {
        float amax = 0f;
        float max = 0f;
        for (int j = 0; j < BLOCK; j++) {
            float v = x[off + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max / -8f;
    }

    /** {@code q = clamp(trunc(x·id + 8.5), 0, 15)}, level q − 8; with the nearest scale only the clamp at 15 can act. */
    @Override
    public void levels(float[] x, int off, float d, byte[] levels) {
        float id = d != 0f ? 1f / d : 0f;
        for (int j = 0; j < BLOCK; j++) {
            int q = (int) (x[off + j] * id + 8.5f);
            levels[j] = (byte) (Math.max(0, Math.min(15, q)) - 8);
        }
    }

    @Override
    public void writeBlock(short scaleBits, byte[] levels, MemorySegment dst, long at) {
        dst.set(LE_SHORT, at, scaleBits);
        for (int j = 0; j < 16; j++) {
            dst.set(ValueLayout.JAVA_BYTE, at + 2 + j, (byte) (((levels[j] + 8) & 0x0F) | ((levels[j + 16] + 8) << 4)));
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        checkBlocks(n);
        byte[] codes = new byte[BLOCK];
        for (int b = 0; b < n / BLOCK; b++) {
            float d = nearestScale(src, srcOff + b * BLOCK);
            levels(src, srcOff + b * BLOCK, d, codes);
            writeBlock(Float.floatToFloat16(d), codes, dst, dstOffset + (long) b * BLOCK_BYTES);
        }
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        checkBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = srcOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(src.get(LE_SHORT, at));
            int o = dstOff + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int q = src.get(ValueLayout.JAVA_BYTE, at + 2 + j) & 0xFF;
                dst[o + j] = d * ((q & 0x0F) - 8);
                dst[o + j + 16] = d * ((q >>> 4) - 8);
            }
        }
    }

    @Override
    public void roundTrip(float[] src, int srcOff, int n, float[] dst, int dstOff) {
        checkBlocks(n);
        byte[] codes = new byte[BLOCK];
        for (int b = 0; b < n; b += BLOCK) {
            float d = Float.float16ToFloat(quantizeBlock(src, srcOff + b, codes));
            for (int j = 0; j < BLOCK; j++) {
                dst[dstOff + b + j] = d * (codes[j] - 8);
            }
        }
    }
}
