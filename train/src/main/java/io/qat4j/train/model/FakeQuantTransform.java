package io.qat4j.train.model;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/**
 * Fake quantization: the forward pass uses the master weight after a round trip through a ggml block
 * codec (blocks of 32 along the contiguous input dimension), bit-exact with what export writes; the
 * gradient passes straight through to the master weight.
 */
public record FakeQuantTransform(GgmlType type) implements WeightTransform {

    public FakeQuantTransform {
        if (!TensorCodec.of(type).canQuantize()) {
            throw new IllegalArgumentException("cannot fake-quantize to " + type + ": its codec cannot quantize");
        }
    }

    @Override
    public void forward(float[] master, int off, int rows, int cols, float[] out) {
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException("rows of " + cols + " values are not whole " + type + " blocks of "
                    + type.blockSize());
        }
        TensorCodec.of(type).roundTrip(master, off, rows * cols, out, off);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase();
    }
}
