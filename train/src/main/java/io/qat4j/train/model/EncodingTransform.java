package io.qat4j.train.model;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;

/**
 * A weight transform whose forward weight is exactly what one GGUF encoding of the master weight
 * decodes to. Export writes {@link #encode}'s bytes, so the shipped file holds what training saw.
 */
public interface EncodingTransform extends WeightTransform {

    /** The storage type of the encoded tensor. */
    GgmlType type();

    /**
     * Encodes {@code master[off .. off+rows·cols)} in {@link #type()}'s block layout; decoding the
     * result gives, bit for bit, what {@link #forward} writes.
     */
    MemorySegment encode(float[] master, int off, int rows, int cols);
}
