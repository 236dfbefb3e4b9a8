package io.qat4j.infer;

import io.qat4j.core.model.Gemma3Config;

/**
 * The named activation buffers of one forward pass over up to {@code capacity} tokens, laid out
 * [token][feature]. The tokens may belong to different sequences (batched decode in the server).
 * Reused from pass to pass so decoding does not allocate.
 */
public final class ForwardBuffers {
    final int capacity;
    final float[] x;
    final float[] h;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] attn;
    final float[] proj;
    final float[] gate;
    final float[] up;
    final float[] normed;
    final float[] cosLocal;
    final float[] sinLocal;
    final float[] cosGlobal;
    final float[] sinGlobal;
    final int[] positions;
    final InferenceState[] owners;
    /** Attention-score rows, one per parallel chunk; grown on demand. */
    float[] scores = new float[0];

    public ForwardBuffers(Gemma3Config c, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a forward pass needs room for at least one token");
        }
        this.capacity = capacity;
        int d = c.embeddingLength();
        x = new float[capacity * d];
        h = new float[capacity * d];
        q = new float[capacity * c.qDim()];
        k = new float[capacity * c.kvDim()];
        v = new float[capacity * c.kvDim()];
        attn = new float[capacity * c.qDim()];
        proj = new float[capacity * d];
        gate = new float[capacity * c.feedForwardLength()];
        up = new float[capacity * c.feedForwardLength()];
        normed = new float[capacity * d];
        int half = c.headDim() / 2;
        cosLocal = new float[capacity * half];
        sinLocal = new float[capacity * half];
        cosGlobal = new float[capacity * half];
        sinGlobal = new float[capacity * half];
        positions = new int[capacity];
        owners = new InferenceState[capacity];
    }

    public int capacity() {
        return capacity;
    }
}
