package io.qat4j.infer;

import io.qat4j.core.model.Gemma3Config;

/**
 * Keys and values per layer. Global layers keep every position up to the context size; sliding-window
 * layers keep a ring of window + (batch − 1) slots, enough for a batch of new tokens to be stored
 * before any of them attends (the earliest still needs the window behind it).
 */
public final class KvCache {
    private final int kvDim;
    private final int[] capacity;
    private final float[][] keys;
    private final float[][] values;
    private final int contextSize;
    private final int window;

    /**
     * @param fullWindowCache keep every position on sliding-window layers too, so the cache can be
     *                        rewound to any earlier position (prefix reuse) at the cost of memory
     */
    public KvCache(Gemma3Config c, int contextSize, int maxBatch, boolean fullWindowCache) {
        this.kvDim = c.kvDim();
        this.contextSize = contextSize;
        this.window = c.slidingWindow();
        int layers = c.blockCount();
        capacity = new int[layers];
        keys = new float[layers][];
        values = new float[layers][];
        for (int il = 0; il < layers; il++) {
            int cap = capacity(c, il, contextSize, maxBatch, fullWindowCache);
            capacity[il] = cap;
            keys[il] = new float[Math.multiplyExact(cap, kvDim)];
            values[il] = new float[Math.multiplyExact(cap, kvDim)];
        }
    }

    private static int capacity(Gemma3Config c, int layer, int contextSize, int maxBatch, boolean fullWindowCache) {
        return c.isLocal(layer) && !fullWindowCache
                ? Math.min(contextSize, c.slidingWindow() + maxBatch - 1) : contextSize;
    }

    /** The bytes a cache made with these arguments holds, without making one (to plan memory). */
    public static long bytes(Gemma3Config c, int contextSize, int maxBatch, boolean fullWindowCache) {
        long positions = 0;
        for (int il = 0; il < c.blockCount(); il++) {
            positions += capacity(c, il, contextSize, maxBatch, fullWindowCache);
        }
        return positions * c.kvDim() * 2L * Float.BYTES;
    }

    public int contextSize() {
        return contextSize;
    }

    /** Offset of position pos's entry in layer il's arrays. */
    public int offset(int il, int pos) {
        return (pos % capacity[il]) * kvDim;
    }

    public float[] keys(int il) {
        return keys[il];
    }

    public float[] values(int il) {
        return values[il];
    }

    /** The oldest position layer il still holds when the newest is {@code pos}. */
    public int oldestHeld(int il, int pos) {
        return Math.max(0, pos - capacity[il] + 1);
    }

    /** Whether positions before {@code n} that a token at n attends to are still held at {@code position}. */
    public boolean canRewind(int position, int n) {
        if (n == 0) {
            return true; // nothing before position 0 is needed
        }
        for (int il = 0; il < capacity.length; il++) {
            // After positions [0, position) were written, the ring holds [position − cap, position);
            // a token at n attends to [max(0, n − window + 1), n).
            if (capacity[il] < contextSize && Math.max(0, n - window + 1) < position - capacity[il]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes held by the cache. */
    public long byteSize() {
        long n = 0;
        for (float[] k : keys) {
            n += 8L * k.length;
        }
        return n;
    }
}
