package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.TensorInfo;

/**
 * Converts between float values and one ggml storage format. There is exactly one codec per format:
 * export, PTQ, QAT's fake quantization and the reference kernels all go through it, so what training
 * saw is what ships.
 *
 * <p>Counts are in elements and must be whole blocks; byte offsets address the encoded data.
 */
public sealed interface TensorCodec permits F32Codec, F16Codec, BF16Codec, Q8_0Codec, Q4_0Codec, Q4_KCodec, Q6_KCodec {
    ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    GgmlType type();

    /** Decodes {@code n} values starting at byte {@code srcOffset} of {@code src} into {@code dst[dstOff..]}. */
    void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOff, int n);

    /** Encodes {@code n} values of {@code src[srcOff..]} at byte {@code dstOffset} of {@code dst}. */
    void quantize(float[] src, int srcOff, int n, MemorySegment dst, long dstOffset);

    /** Whether {@link #quantize} is implemented (K-quants are read-only here). */
    default boolean canQuantize() {
        return true;
    }

    /** Encodes {@code src} into a new heap segment. */
    default MemorySegment quantize(float[] src) {
        MemorySegment out = MemorySegment.ofArray(new byte[Math.toIntExact(type().bytesFor(src.length))]);
        quantize(src, 0, src.length, out, 0);
        return out;
    }

    /**
     * Replaces {@code n} values by what they become after a round trip through this format
     * (quantize then dequantize). QAT's fake quantization is exactly this.
     */
    default void roundTrip(float[] src, int srcOff, int n, float[] dst, int dstOff) {
        int blockBytes = type().blockBytes();
        int blockSize = type().blockSize();
        MemorySegment tmp = MemorySegment.ofArray(new byte[blockBytes]);
        for (int i = 0; i < n; i += blockSize) {
            quantize(src, srcOff + i, blockSize, tmp, 0);
            dequantize(tmp, 0, dst, dstOff + i, blockSize);
        }
    }

    /** Checks that n is a whole number of blocks. */
    default void checkBlocks(int n) {
        if (n % type().blockSize() != 0) {
            throw new IllegalArgumentException(type() + " works on blocks of " + type().blockSize()
                    + " values; got " + n);
        }
    }

    /** The codec for a type, or an error naming the unsupported type. */
    static TensorCodec of(GgmlType type) {
        return switch (type) {
            case F32 -> F32Codec.INSTANCE;
            case F16 -> F16Codec.INSTANCE;
            case BF16 -> BF16Codec.INSTANCE;
            case Q8_0 -> Q8_0Codec.INSTANCE;
            case Q4_0 -> Q4_0Codec.INSTANCE;
            case Q4_K -> Q4_KCodec.INSTANCE;
            case Q6_K -> Q6_KCodec.INSTANCE;
            default -> throw new UnsupportedOperationException("tensor type " + type
                    + " is not supported (qat4j reads " + supportedTypeNames() + ")");
        };
    }

    /**
     * The codec for one tensor of a file. A file may hold types qat4j cannot decode (Q5_K, IQ4_XS...):
     * opening and inspecting it works, and this is where decoding such a tensor fails, naming the
     * file, the tensor and its type.
     */
    static TensorCodec forTensor(String file, TensorInfo tensor) {
        if (!tensor.type().isSupported()) {
            throw new UnsupportedOperationException(file + ": tensor '" + tensor.name() + "' has type "
                    + tensor.type() + ", which qat4j cannot decode (it reads " + supportedTypeNames() + ")");
        }
        return of(tensor.type());
    }

    private static String supportedTypeNames() {
        return Arrays.stream(GgmlType.values()).filter(GgmlType::isSupported).map(GgmlType::name)
                .collect(Collectors.joining(", "));
    }
}
