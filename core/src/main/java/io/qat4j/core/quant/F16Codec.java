package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/** IEEE half precision, rounded to nearest even (as ggml's converter does). */
public final class F16Codec implements TensorCodec {
    public static final F16Codec INSTANCE = new F16Codec();

    private F16Codec() {}

    @Override
    public GgmlType type() {
        return GgmlType.F16;
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Float.float16ToFloat(src.get(LE_SHORT, srcOffset + 2L * i));
        }
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        for (int i = 0; i < n; i++) {
            dst.set(LE_SHORT, dstOffset + 2L * i, Float.floatToFloat16(src[srcOff + i]));
        }
    }
}
