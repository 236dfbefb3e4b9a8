package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/** bfloat16: the upper 16 bits of a float32, rounded to nearest even, NaNs kept quiet. */
public final class BF16Codec implements TensorCodec {
    public static final BF16Codec INSTANCE = new BF16Codec();

    private BF16Codec() {}

    @Override
    public GgmlType type() {
        return GgmlType.BF16;
    }

    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short fromFloat(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((u >>> 16) | 64); // NaN: keep it a (quiet) NaN after truncation
        }
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = toFloat(src.get(LE_SHORT, srcOffset + 2L * i));
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        for (int i = 0; i < n; i++) {
            dst.set(LE_SHORT, dstOffset + 2L * i, fromFloat(src[srcOff + i]));
        }
    }
}
