package io.qat4j.train.ops;

/**
 * The geometry of one attention call over a batch of independent sequences.
 *
 * @param batch    sequences
 * @param seqLen   tokens per sequence (positions 0..seqLen-1)
 * @param heads    query heads
 * @param kvHeads  key/value heads; query head h reads KV head h / (heads / kvHeads)
 * @param headDim  length of one head vector
 * @param window   sliding window (a key k is masked for query q when q − k ≥ window); 0 = global causal
 * @param scale    factor applied to q·k (1/sqrt(headDim) for Gemma 3)
 */
public record AttentionShape(int batch, int seqLen, int heads, int kvHeads, int headDim, int window, float scale) {

    public AttentionShape {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads are not a multiple of " + kvHeads + " KV heads");
        }
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Query heads per KV head. */
    public int group() {
        return heads / kvHeads;
    }

    /** The first key position query t attends to. */
    public int firstKey(int t) {
        return window > 0 ? Math.max(0, t - window + 1) : 0;
    }

    /** Floats of the probability buffer: [batch, heads, seqLen, seqLen]. */
    public long probsSize() {
        return (long) batch * heads * seqLen * seqLen;
    }
}
