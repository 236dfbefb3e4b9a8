package io.qat4j.train.ops;

/**
 * NEOX-style rotary embedding tables: head element i pairs with i + headDim/2 and turns by
 * pos · base^(−2i/headDim). Angles are computed in double (StrictMath, so every JVM builds the same
 * table) and rounded once to float.
 */
public final class RopeTable {
    private final int half;
    private final int maxPositions;
    private final float[] cos;
    private final float[] sin;

    public RopeTable(int headDim, int maxPositions, double base, double freqScale) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even head dimension, got " + headDim);
        }
        this.half = headDim / 2;
        this.maxPositions = maxPositions;
        this.cos = new float[maxPositions * half];
        this.sin = new float[maxPositions * half];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * freqScale * StrictMath.pow(base, -2.0 * i / headDim);
                cos[p * half + i] = (float) StrictMath.cos(angle);
                sin[p * half + i] = (float) StrictMath.sin(angle);
            }
        }
    }

    public int half() {
        return half;
    }

    public int maxPositions() {
        return maxPositions;
    }

    public float cos(int pos, int i) {
        return cos[pos * half + i];
    }

    public float sin(int pos, int i) {
        return sin[pos * half + i];
    }

    /** The cosine row of a position (half floats from {@link #rowOffset}). */
    float[] cosTable() {
        return cos;
    }

    float[] sinTable() {
        return sin;
    }

    int rowOffset(int pos) {
        return pos * half;
    }
}
