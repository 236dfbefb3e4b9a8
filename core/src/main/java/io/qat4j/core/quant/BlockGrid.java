package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/**
 * A block format whose values are a scale times small integers: {@code value = d · k} with
 * {@code k} in {@code [minLevel, maxLevel]} (Q4_0: k = q − 8 in [−8, 7]; Q8_0: k in [−127, 127]),
 * one fp16 {@code d} per block of 32.
 *
 * <p>The file stores any fp16 scale, not only the one round-to-nearest derives from the block's
 * maximum. PTQ scale searches, QAT's learned scales and the HF converter's grid recovery choose a
 * scale and then round with {@link #levels} — the same formula as the codec's own quantizer, so that
 * with the round-to-nearest scale the levels are the codec's codes — and {@link #writeBlock} stores it.
 */
public sealed interface BlockGrid permits Q4_0Codec, Q8_0Codec {

    GgmlType type();

    int minLevel();

    int maxLevel();

    /** The float32 scale round-to-nearest uses for this block (its codes use it unrounded; the file keeps fp16 of it). */
    float nearestScale(float[] x, int off);

    /**
     * The levels of the 32 values at {@code x[off]} for scale {@code d}: the codec's rounding with
     * {@code id = 1/d} (0 when d is 0), clamped to the level range.
     */
    void levels(float[] x, int off, float d, byte[] levels);

    /** Stores one block: the fp16 scale bits and 32 levels, at byte {@code at} of {@code dst}. */
    void writeBlock(short scaleBits, byte[] levels, MemorySegment dst, long at);

    /** The grid of a ggml type, or an error naming it when the type is not a scale-times-integers format. */
    static BlockGrid of(GgmlType type) {
        return switch (type) {
            case Q4_0 -> Q4_0Codec.INSTANCE;
            case Q8_0 -> Q8_0Codec.INSTANCE;
            default -> throw new IllegalArgumentException(type + " is not a block format with one scale per block"
                    + " (Q4_0 and Q8_0 are)");
        };
    }

    /** Whether {@link #of} accepts the type. */
    static boolean supports(GgmlType type) {
        return type == GgmlType.Q4_0 || type == GgmlType.Q8_0;
    }
}
