package io.qat4j.train.quant;

import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

import io.qat4j.core.quant.BlockGrid;

/**
 * Calibrated post-training quantization by per-block scale search: for each block of 32 weights
 * of a row, among fp16 scales around the round-to-nearest one, pick the scale whose rounded block
 * minimises the activation-weighted error {@code Σ_j E[x_j²]·(w_j − ŵ_j)²}, where x is the input
 * the matrix multiplies. Candidates: the round-to-nearest block itself (kept on ties), scales
 * 0.70–1.15 × the nearest one (and, for Q4_0, × the one that maps the largest value to +7 instead
 * of −8), each refined once by the weighted least-squares scale of its levels. Any fp16 scale is a
 * legal Q4_0/Q8_0 block, so the result loads everywhere; the levels come from {@link BlockGrid#levels},
 * the codec's own rounding.
 */
public final class ScaleSearch {
    private static final int BLOCK = 32;
    private static final double STEP = 0.01;
    private static final int LOWEST = -30;
    private static final int HIGHEST = 15;
    /** Importance floor relative to the mean, so weights of features calibration never excited still count a little. */
    private static final double FLOOR = 1e-3;

    /**
     * How the search did on one tensor.
     *
     * @param rtnError     Σ weighted squared error of round-to-nearest
     * @param chosenError  the same for the chosen blocks (never larger)
     * @param blocks       blocks quantized
     * @param changed      blocks whose scale differs from round-to-nearest's
     */
    public record Result(double rtnError, double chosenError, long blocks, long changed) {
        Result plus(Result o) {
            return new Result(rtnError + o.rtnError, chosenError + o.chosenError, blocks + o.blocks, changed + o.changed);
        }
    }

    private ScaleSearch() {}

    /**
     * Encodes {@code rows × cols} weights at {@code w[off..]} (row-major, blocks along a row) into
     * {@code dst} in the grid's block layout, weighting column j by {@code importance[j]}.
     */
    public static Result encode(BlockGrid grid, float[] w, int off, int rows, int cols, float[] importance,
            MemorySegment dst) {
        if (cols % BLOCK != 0 || importance.length != cols) {
            throw new IllegalArgumentException("rows of " + cols + " values with " + importance.length
                    + " importances are not whole blocks of " + BLOCK);
        }
        double mean = 0;
        for (float h : importance) {
            mean += h;
        }
        mean /= cols;
        float[] h = new float[cols];
        for (int j = 0; j < cols; j++) {
            h[j] = (float) (importance[j] + FLOOR * mean + Double.MIN_NORMAL);
        }
        int blockBytes = grid.type().blockBytes();
        int blocksPerRow = cols / BLOCK;
        return IntStream.range(0, rows).parallel().mapToObj(r -> {
            var result = new Result(0, 0, 0, 0);
            var search = new BlockSearch(grid);
            for (int b = 0; b < blocksPerRow; b++) {
                long at = ((long) r * blocksPerRow + b) * blockBytes;
                result = result.plus(search.encode(w, off + r * cols + b * BLOCK, h, b * BLOCK, dst, at));
            }
            return result;
        }).reduce(new Result(0, 0, 0, 0), Result::plus);
    }

    /** The search of one block, with its scratch levels. */
    private static final class BlockSearch {
        private final BlockGrid grid;
        private final byte[] levels = new byte[BLOCK];
        private final byte[] best = new byte[BLOCK];

        BlockSearch(BlockGrid grid) {
            this.grid = grid;
        }

        Result encode(float[] x, int xo, float[] h, int ho, MemorySegment dst, long at) {
            float nearest = grid.nearestScale(x, xo);
            short bestBits = Float.floatToFloat16(nearest);
            grid.levels(x, xo, nearest, best);
            double rtnError = error(x, xo, h, ho, Float.float16ToFloat(bestBits), best);
            double bestError = rtnError;
            boolean changed = false;
            if (nearest != 0f) {
                float[] bases = grid.minLevel() == -grid.maxLevel() ? new float[] {nearest}
                        : new float[] {nearest, nearest * grid.minLevel() / grid.maxLevel()};
                for (float base : bases) {
                    for (int i = LOWEST; i <= HIGHEST; i++) {
                        short bits = Float.floatToFloat16((float) (base * (1 + i * STEP)));
                        for (int refine = 0; refine < 2; refine++) {
                            float d = Float.float16ToFloat(bits);
                            if (d == 0f || !Float.isFinite(d)) {
                                break;
                            }
                            grid.levels(x, xo, d, levels);
                            double e = error(x, xo, h, ho, d, levels);
                            if (e < bestError) {
                                bestError = e;
                                bestBits = bits;
                                System.arraycopy(levels, 0, best, 0, BLOCK);
                                changed = true;
                            }
                            bits = Float.floatToFloat16(leastSquaresScale(x, xo, h, ho, levels, d));
                        }
                    }
                }
            }
            grid.writeBlock(bestBits, best, dst, at);
            return new Result(rtnError, bestError, 1, changed ? 1 : 0);
        }

        /** The scale minimising Σ h (x − d·k)² for fixed levels k (the current one when every level is 0). */
        private static float leastSquaresScale(float[] x, int xo, float[] h, int ho, byte[] k, float current) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < BLOCK; j++) {
                num += (double) h[ho + j] * x[xo + j] * k[j];
                den += (double) h[ho + j] * k[j] * k[j];
            }
            return den > 0 ? (float) (num / den) : current;
        }

        private static double error(float[] x, int xo, float[] h, int ho, float d, byte[] k) {
            double e = 0;
            for (int j = 0; j < BLOCK; j++) {
                double diff = x[xo + j] - d * k[j];
                e += h[ho + j] * diff * diff;
            }
            return e;
        }
    }
}
