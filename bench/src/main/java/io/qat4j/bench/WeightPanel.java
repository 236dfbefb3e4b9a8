package io.qat4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/** A random weight matrix in a storage format and random activations for some tokens, from a fixed seed. */
record WeightPanel(GgmlType type, MemorySegment weights, long rowBytes, int rows, int cols, float[] x, int tokens) {

    static WeightPanel random(GgmlType type, int rows, int cols, int tokens, Arena arena) {
        var random = new SplittableRandom(7);
        long rowBytes = type.bytesFor(cols);
        var weights = arena.allocate(rowBytes * rows, 64);
        var row = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) {
                row[i] = (float) (0.02 * random.nextGaussian());
            }
            TensorCodec.of(type).quantize(row, 0, cols, weights, r * rowBytes);
        }
        var x = new float[tokens * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return new WeightPanel(type, weights, rowBytes, rows, cols, x, tokens);
    }
}
