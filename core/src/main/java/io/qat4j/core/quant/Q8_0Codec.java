package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.qat4j.core.gguf.GgmlType;

/**
 * ggml's Q8_0: blocks of 32 values, an fp16 scale {@code d = amax/127} and 32 int8 codes
 * {@code q = roundf(x * (1/d))}; the value is {@code d·q}. Bit-exact with ggml's reference
 * quantizer ({@code quantize_row_q8_0_ref}): the codes use the float32 reciprocal of the unrounded
 * scale, and rounding is half away from zero.
 */
public final class Q8_0Codec implements TensorCodec, BlockGrid {
    public static final Q8_0Codec INSTANCE = new Q8_0Codec();
    public static final int BLOCK = 32;
    public static final int BLOCK_BYTES = 34;

    private Q8_0Codec() {}

    @Override
    public GgmlType type() {
        return GgmlType.Q8_0;
    }

    /**
     * Quantizes one block of 32 values at {@code x[off]} into {@code codes[0..32)}.
     *
     * @return the fp16 bits of the block scale
     */
    public static short quantizeBlock(float[] x, int off, byte[] codes) {
        return quantizeBlock(x, off, codes, 0);
    }

    /** As {@link #quantizeBlock(float[], int, byte[])}, writing the codes to {@code codes[codesOff..codesOff+32)}. */
    public static short quantizeBlock(float[] x, int off, byte[] codes, int codesOff) {
        float d = INSTANCE.nearestScale(x, off);
        float id = d != 0f ? 1f / d : 0f;
        for (int j = 0; j < BLOCK; j++) {
            codes[codesOff + j] = (byte) roundHalfAwayFromZero(x[off + j] * id);
        }
        return Float.floatToFloat16(d);
    }

    @Override
    public int minLevel() {
        return -127;
    }

    @Override
    public int maxLevel() {
        return 127;
    }

    /** {@code amax / 127}. */
    @Override
    public float nearestScale(float[] x, int off) {
        float amax = 0f;
        for (int j = 0; j < BLOCK; j++) {
            amax = Math.max(amax, Math.abs(x[off + j]));
        }
        return amax / 127f;
    }

    /** {@code roundf(x·id)} clamped to ±127 (with the nearest scale the clamp never acts). */
    @Override
    public void levels(float[] x, int off, float d, byte[] levels) {
        float id = d != 0f ? 1f / d : 0f;
        for (int j = 0; j < BLOCK; j++) {
            levels[j] = (byte) Math.max(-127, Math.min(127, roundHalfAwayFromZero(x[off + j] * id)));
        }
    }

    @Override
    public void writeBlock(short scaleBits, byte[] levels, MemorySegment dst, long at) {
        dst.set(LE_SHORT, at, scaleBits);
        MemorySegment.copy(levels, 0, dst, ValueLayout.JAVA_BYTE, at + 2, BLOCK);
    }

    /** C's roundf: ties away from zero, exact for every float (no float addition of 0.5). */
    public static int roundHalfAwayFromZero(float v) {
        double a = Math.floor(Math.abs((double) v) + 0.5);
        return (int) (v < 0 ? -a : a);
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        checkBlocks(n);
        byte[] codes = new byte[BLOCK];
        for (int b = 0; b < n / BLOCK; b++) {
            short d = quantizeBlock(src, srcOff + b * BLOCK, codes);
            writeBlock(d, codes, dst, dstOffset + (long) b * BLOCK_BYTES);
        }
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        checkBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            long at = srcOffset + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(src.get(LE_SHORT, at));
            int o = dstOff + b * BLOCK;
            for (int j = 0; j < BLOCK; j++) {
                dst[o + j] = d * src.get(ValueLayout.JAVA_BYTE, at + 2 + j);
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
                dst[dstOff + b + j] = d * codes[j];
            }
        }
    }
}
