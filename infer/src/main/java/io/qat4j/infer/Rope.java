package io.qat4j.infer;

/**
 * Rotary position embedding in NEOX layout (element i pairs with i + headDim/2), the layout
 * llama.cpp uses for Gemma. Angles are computed in double once per token and rope kind, then applied
 * to every head of every layer of that kind.
 */
public final class Rope {
    private final int half;
    private final double[] invFreq;

    /**
     * @param base      RoPE base (10 000 for local layers, the GGUF's freq_base for global ones)
     * @param freqScale linear scaling, 1/factor (1 when unscaled)
     */
    public Rope(int headDim, double base, double freqScale) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("RoPE needs an even head dimension, got " + headDim);
        }
        half = headDim / 2;
        invFreq = new double[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = freqScale * Math.pow(base, -2.0 * i / headDim);
        }
    }

    /** Fills cos[off..off+half) and sin[..] with the angles of position pos. */
    public void angles(int pos, float[] cos, float[] sin, int off) {
        for (int i = 0; i < half; i++) {
            double theta = pos * invFreq[i];
            cos[off + i] = (float) Math.cos(theta);
            sin[off + i] = (float) Math.sin(theta);
        }
    }

    /** Rotates one head vector v[vOff..vOff+2·half) by precomputed angles at cos/sin[aOff..]. */
    public void rotate(float[] v, int vOff, float[] cos, float[] sin, int aOff) {
        for (int i = 0; i < half; i++) {
            float a = v[vOff + i];
            float b = v[vOff + i + half];
            float c = cos[aOff + i];
            float s = sin[aOff + i];
            v[vOff + i] = a * c - b * s;
            v[vOff + i + half] = a * s + b * c;
        }
    }

    public int half() {
        return half;
    }
}
