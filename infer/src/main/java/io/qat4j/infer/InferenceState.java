package io.qat4j.infer;

import io.qat4j.core.model.Gemma3Config;

/**
 * One sequence being evaluated: its KV cache and its position, plus (for single-sequence use) its
 * own activation buffers for up to {@code maxBatch} tokens per pass. Not thread-safe; one per
 * conversation.
 */
public final class InferenceState {
    final KvCache cache;
    final int maxBatch;
    private final Gemma3Config config;
    private ForwardBuffers buffers;
    int position;

    InferenceState(Gemma3Config c, int contextSize, int maxBatch, boolean fullWindowCache) {
        if (contextSize < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("context size and batch must be positive");
        }
        this.cache = new KvCache(c, contextSize, maxBatch, fullWindowCache);
        this.maxBatch = maxBatch;
        this.config = c;
    }

    /** This sequence's own activation buffers, made on first use (a batching engine brings shared ones). */
    ForwardBuffers buffers() {
        if (buffers == null) {
            buffers = new ForwardBuffers(config, maxBatch);
        }
        return buffers;
    }

    /** Tokens evaluated so far (the next token's position). */
    public int position() {
        return position;
    }

    public int contextSize() {
        return cache.contextSize();
    }

    /** The most tokens of this sequence one forward pass may carry (its sliding-window rings allow no more). */
    public int maxBatch() {
        return maxBatch;
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

    /** Whether {@link #rewind(int)} to n would succeed. */
    public boolean canRewind(int n) {
        return n >= 0 && n <= position && cache.canRewind(position, n);
    }

    /** Bytes of KV cache. */
    public long cacheBytes() {
        return cache.byteSize();
    }
}
