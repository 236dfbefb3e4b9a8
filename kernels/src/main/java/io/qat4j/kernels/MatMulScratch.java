package io.qat4j.kernels;

/**
 * One worker's buffers for {@link VectorOps#matmul}: a tile of dequantized weights and the partial
 * sums of a row group. They grow to the largest call seen and are then reused, so a steady stream of
 * decode steps allocates nothing. Not thread-safe: one per worker.
 */
public final class MatMulScratch {
    private float[] tile = new float[0];
    private float[] partials = new float[0];

    /** A buffer of at least n floats for dequantized weights (contents undefined). */
    float[] tile(int n) {
        if (tile.length < n) {
            tile = new float[n];
        }
        return tile;
    }

    /** A buffer of at least n floats for partial sums (contents undefined). */
    float[] partials(int n) {
        if (partials.length < n) {
            partials = new float[n];
        }
        return partials;
    }

    /** One scratch per worker of a pool of {@code threads}. */
    public static MatMulScratch[] perWorker(int threads) {
        var all = new MatMulScratch[threads];
        for (int i = 0; i < threads; i++) {
            all[i] = new MatMulScratch();
        }
        return all;
    }
}
