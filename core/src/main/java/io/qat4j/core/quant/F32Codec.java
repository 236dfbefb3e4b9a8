package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/** Plain little-endian float32. */
public final class F32Codec implements TensorCodec {
    public static final F32Codec INSTANCE = new F32Codec();

    private F32Codec() {}

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n) {
        MemorySegment.copy(src, LE_FLOAT, srcOffset, dst, dstOff, n);
    }

    @Override
    public void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset) {
        MemorySegment.copy(src, srcOff, dst, LE_FLOAT, dstOffset, n);
    }

    /** Float32 holds every float: the round trip is a copy. */
    @Override
    public void roundTrip(float[] src, int srcOff, int n, float[] dst, int dstOff) {
        System.arraycopy(src, srcOff, dst, dstOff, n);
    }
}
