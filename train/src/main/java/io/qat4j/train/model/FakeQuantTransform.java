package io.qat4j.train.model;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/**
 * Fake quantization: the forward pass uses the master weight after a round trip through a ggml block
 * codec (blocks of 32 along the contiguous input dimension), bit-exact with what export writes; the
 * gradient passes straight through to the master weight.
 */
public record FakeQuantTransform(GgmlType type) implements EncodingTransform {

    public FakeQuantTransform {
        if (!TensorCodec.of(type).canQuantize()) {
            throw new IllegalArgumentException("cannot fake-quantize to " + type + ": its codec cannot quantize");
        }
    }

    @Override
    public void forward(float[] master, int off, int rows, int cols, float[] out) {
        checkRows(cols);
        TensorCodec.of(type).roundTrip(master, off, rows * cols, out, off);
    }

    @Override
    public MemorySegment encode(float[] master, int off, int rows, int cols) {
        checkRows(cols);
        var codec = TensorCodec.of(type);
        MemorySegment out = MemorySegment.ofArray(new byte[Math.toIntExact(type.bytesFor((long) rows * cols))]);
        codec.quantize(master, off, rows * cols, out, 0);
        return out;
    }

    private void checkRows(int cols) {
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException("rows of " + cols + " values are not whole " + type + " blocks of "
                    + type.blockSize());
        }
    }

    @Override
    public String toString() {
        return type.name().toLowerCase();
    }
}
