package io.qat4j.train.data;

/**
 * Draws training batches of random windows from a token stream: each sequence is
 * {@code [BOS] + tokens[s : s+T−1]} with targets {@code tokens[s : s+T]}, s uniform in [0, n − T),
 * as the PyTorch peer samples them. The generator state is checkpointable.
 */
public final class BatchSampler {
    private final int[] tokens;
    private final int bos;
    private SplitMix64 rng;

    public BatchSampler(int[] tokens, int bos, long seed) {
        this.tokens = tokens;
        this.bos = bos;
        this.rng = new SplitMix64(seed);
    }

    public long state() {
        return rng.state();
    }

    public void restore(long state) {
        rng = SplitMix64.restore(state);
    }

    /** Fills inputs and targets ([batch·seqLen], row-major) with the next batch. */
    public void next(int batch, int seqLen, int[] inputs, int[] targets) {
        if (tokens.length <= seqLen) {
            throw new IllegalArgumentException("the training split has " + tokens.length + " tokens; a sequence of "
                    + seqLen + " needs more");
        }
        for (int b = 0; b < batch; b++) {
            int s = rng.nextInt(tokens.length - seqLen);
            int row = b * seqLen;
            inputs[row] = bos;
            System.arraycopy(tokens, s, inputs, row + 1, seqLen - 1);
            System.arraycopy(tokens, s, targets, row, seqLen);
        }
    }
}
