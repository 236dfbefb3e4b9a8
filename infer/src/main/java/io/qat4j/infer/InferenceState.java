package io.qat4j.infer;

import io.qat4j.core.model.Gemma3Config;

/**
 * One sequence being evaluated: its KV cache, its position and the scratch buffers of a forward pass
 * over up to {@code maxBatch} tokens at a time. Not thread-safe; one per conversation.
 */
public final class InferenceState {
    final KvCache cache;
    final int maxBatch;
    int position;

    // Named activation buffers, [token][feature] row-major.
    final float[] x;
    final float[] h;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] attn;
    final float[] proj;
    final float[] gate;
    final float[] up;
    final float[] cosLocal;
    final float[] sinLocal;
    final float[] cosGlobal;
    final float[] sinGlobal;
    /** Attention-score rows, one per parallel chunk; grown on demand. */
    float[] scores = new float[0];

    InferenceState(Gemma3Config c, int contextSize, int maxBatch) {
        if (contextSize < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("context size and batch must be positive");
        }
        this.cache = new KvCache(c, contextSize, maxBatch);
        this.maxBatch = maxBatch;
        int d = c.embeddingLength();
        x = new float[maxBatch * d];
        h = new float[maxBatch * d];
        q = new float[maxBatch * c.qDim()];
        k = new float[maxBatch * c.kvDim()];
        v = new float[maxBatch * c.kvDim()];
        attn = new float[maxBatch * c.qDim()];
        proj = new float[maxBatch * d];
        gate = new float[maxBatch * c.feedForwardLength()];
        up = new float[maxBatch * c.feedForwardLength()];
        int half = c.headDim() / 2;
        cosLocal = new float[maxBatch * half];
        sinLocal = new float[maxBatch * half];
        cosGlobal = new float[maxBatch * half];
        sinGlobal = new float[maxBatch * half];
    }

    /** Tokens evaluated so far (the next token's position). */
    public int position() {
        return position;
    }

    public int contextSize() {
        return cache.contextSize();
    }

    /**
     * Forgets everything after the first {@code n} tokens so a shared prefix can be reused. Only
     * possible while the sliding-window rings still hold the window before position n.
     */
    public void rewind(int n) {
        if (n < 0 || n > position) {
            throw new IllegalArgumentException("cannot rewind to " + n + " from position " + position);
        }
        if (!cache.canRewind(position, n)) {
            throw new IllegalStateException("cannot rewind from " + position + " to " + n
                    + ": the sliding-window cache no longer holds the window before it");
        }
        position = n;
    }

    /** Bytes of KV cache. */
    public long cacheBytes() {
        return cache.byteSize();
    }
}
