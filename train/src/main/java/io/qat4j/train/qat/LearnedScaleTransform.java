package io.qat4j.train.qat;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BlockGrid;
import io.qat4j.train.model.EncodingTransform;

/**
 * Fake quantization with a learned scale per block of 32 (LSQ-style). The forward weight of a block
 * is {@code d·k} with {@code d = fp16(s)} and levels {@code k = }{@link BlockGrid#levels}{@code (w, d)}:
 * exactly the Q4_0/Q8_0 block that stores fp16(s) and those levels, which {@link #encode} writes — so
 * the learned scale exports losslessly.
 *
 * <p>Gradients: the master weight gets the forward weight's gradient unchanged (straight-through, as
 * {@link io.qat4j.train.model.FakeQuantTransform}); the scale gets
 * {@code ∂L/∂s = Σ_j g_j·(k_j − w_j/d·[w_j/d inside the level range])}, the derivative of
 * {@code d·round(w/d)} with the rounding passed straight through and clamped levels held fixed
 * (the fp16 rounding of s is passed straight through too).
 *
 * @param grid        the block format
 * @param scales      the learned scales of every tensor (shared)
 * @param scaleOffset where this tensor's scales start in {@code scales}
 */
public record LearnedScaleTransform(BlockGrid grid, float[] scales, int scaleOffset) implements EncodingTransform {
    static final int BLOCK = 32;

    @Override
    public GgmlType type() {
        return grid.type();
    }

    /** The scale block {@code b} uses in the forward pass and the file: fp16 of the learned value. */
    public float blockScale(int b) {
        return Float.float16ToFloat(Float.floatToFloat16(scales[scaleOffset + b]));
    }

    @Override
    public void forward(float[] master, int off, int rows, int cols, float[] out) {
        byte[] k = new byte[BLOCK];
        int blocks = blocks(rows, cols);
        for (int b = 0; b < blocks; b++) {
            float d = blockScale(b);
            int o = off + b * BLOCK;
            grid.levels(master, o, d, k);
            for (int j = 0; j < BLOCK; j++) {
                out[o + j] = d * k[j];
            }
        }
    }

    @Override
    public MemorySegment encode(float[] master, int off, int rows, int cols) {
        int blocks = blocks(rows, cols);
        int blockBytes = grid.type().blockBytes();
        MemorySegment out = MemorySegment.ofArray(new byte[blocks * blockBytes]);
        byte[] k = new byte[BLOCK];
        for (int b = 0; b < blocks; b++) {
            float d = blockScale(b);
            grid.levels(master, off + b * BLOCK, d, k);
            grid.writeBlock(Float.floatToFloat16(d), k, out, (long) b * blockBytes);
        }
        return out;
    }

    /**
     * Writes ∂L/∂s of every block of this tensor to {@code scaleGrads[scaleOffset..]}, from the gradient
     * of the forward weight in {@code grad[off..]} (the whole step's, after every micro-batch).
     */
    public void scaleGradients(float[] master, float[] grad, int off, int rows, int cols, float[] scaleGrads) {
        byte[] k = new byte[BLOCK];
        int blocks = blocks(rows, cols);
        float lo = grid.minLevel() - 0.5f;
        float hi = grid.maxLevel() + 0.5f;
        for (int b = 0; b < blocks; b++) {
            float d = blockScale(b);
            int o = off + b * BLOCK;
            double sum = 0;
            if (d != 0f) {
                grid.levels(master, o, d, k);
                float id = 1f / d;
                for (int j = 0; j < BLOCK; j++) {
                    float u = master[o + j] * id;
                    boolean inside = u > lo && u < hi;
                    sum += (double) grad[o + j] * (k[j] - (inside ? u : 0f));
                }
            }
            scaleGrads[scaleOffset + b] = (float) sum;
        }
    }

    private static int blocks(int rows, int cols) {
        if (cols % BLOCK != 0) {
            throw new IllegalArgumentException("rows of " + cols + " values are not whole blocks of " + BLOCK);
        }
        return rows * cols / BLOCK;
    }

    @Override
    public String toString() {
        return grid.type().name().toLowerCase() + "+learned-scales";
    }
}
