package io.qat4j.train.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

import io.qat4j.kernels.VectorFunctions;
import io.qat4j.kernels.VectorOps;
import io.qat4j.kernels.gemm.Gemm;
import io.qat4j.kernels.parallel.WorkerPool;

/**
 * The fast kernels: Vector API inner loops, work spread over one persistent {@link WorkerPool}.
 *
 * <p>Every op splits its work by a fixed rule that does not depend on the thread count (blocks of
 * {@value #ROW_BLOCK} rows, output tiles of a matrix, one (sequence, KV head) pair), tasks write
 * disjoint outputs, and the few cross-task sums (norm gains, embedding rows) are added in task order
 * afterwards. A run is therefore bit-for-bit repeatable, with any number of threads.
 */
public final class FastOps implements TrainOps {
    /** The shared row kernels (deterministic, JIT-independent). */
    private static final VectorOps VECTOR = VectorOps.best();

    static final int ROW_BLOCK = 64;
    static final int ELEMENT_BLOCK = 1 << 14;
    private static final int L = VectorMath.L;
    private static final float C = ReferenceOps.SQRT_2_OVER_PI;
    private static final float A = ReferenceOps.GELU_CUBIC;

    private final WorkerPool pool;
    private final FastAttention attention;
    private final float[][] lanes;
    private float[] transposed = new float[0];
    private float[] partials = new float[0];

    public FastOps(int threads) {
        this.pool = new WorkerPool(threads);
        this.attention = new FastAttention(pool);
        this.lanes = new float[threads][L];
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    /** The pool, for callers that parallelise their own loops (the optimiser). */
    public WorkerPool pool() {
        return pool;
    }

    private static int blocks(int n, int block) {
        return (n + block - 1) / block;
    }

    @Override
    public void embeddingForward(float[] out, int[] tokens, int rows, float[] table, int tableOff, int dim, float scale) {
        pool.run(blocks(rows, ROW_BLOCK), (w, blk) -> {
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                int src = tableOff + tokens[n] * dim;
                int i = 0;
                for (; i + L <= dim; i += L) {
                    FloatVector.fromArray(VectorMath.S, table, src + i).mul(scale).intoArray(out, n * dim + i);
                }
                for (; i < dim; i++) {
                    out[n * dim + i] = table[src + i] * scale;
                }
            }
        });
    }

    @Override
    public void embeddingBackward(float[] dTable, int dTableOff, int[] tokens, int rows, float[] dOut, int dim, float scale) {
        // Rows that share a token add into the same table row: done in row order on one thread.
        for (int n = 0; n < rows; n++) {
            VECTOR.axpy(scale, dOut, n * dim, dTable, dTableOff + tokens[n] * dim, dim);
        }
    }

    @Override
    public void rmsNormForward(float[] out, float[] rstd, float[] x, float[] g, int gOff, int rows, int dim, float eps) {
        pool.run(blocks(rows, ROW_BLOCK), (w, blk) -> {
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                float ss = VECTOR.sumOfSquares(x, n * dim, dim);
                float r = (float) (1.0 / Math.sqrt(ss / dim + eps));
                rstd[n] = r;
                VECTOR.scaleMul(x, n * dim, r, g, gOff, out, n * dim, dim);
            }
        });
    }

    @Override
    public void rmsNormBackward(float[] dx, boolean accumulate, float[] dg, int dgOff, float[] dy, float[] x, float[] g,
            int gOff, float[] rstd, int rows, int dim) {
        int nBlocks = blocks(rows, ROW_BLOCK);
        if (partials.length < nBlocks * dim) {
            partials = new float[nBlocks * dim];
        }
        float[] part = partials;
        pool.run(nBlocks, (w, blk) -> {
            int pAt = blk * dim;
            java.util.Arrays.fill(part, pAt, pAt + dim, 0f);
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                int o = n * dim;
                float r = rstd[n];
                float c = r * r * r * VectorMath.dot3(g, gOff, dy, o, x, o, dim, lanes[w]) / dim;
                int i = 0;
                for (; i + L <= dim; i += L) {
                    var dyv = FloatVector.fromArray(VectorMath.S, dy, o + i);
                    var xv = FloatVector.fromArray(VectorMath.S, x, o + i);
                    var d = dyv.mul(FloatVector.fromArray(VectorMath.S, g, gOff + i)).mul(r).sub(xv.mul(c));
                    if (accumulate) {
                        d = d.add(FloatVector.fromArray(VectorMath.S, dx, o + i));
                    }
                    d.intoArray(dx, o + i);
                    dyv.mul(xv).mul(r).add(FloatVector.fromArray(VectorMath.S, part, pAt + i)).intoArray(part, pAt + i);
                }
                for (; i < dim; i++) {
                    float d = r * g[gOff + i] * dy[o + i] - c * x[o + i];
                    dx[o + i] = accumulate ? dx[o + i] + d : d;
                    part[pAt + i] += dy[o + i] * x[o + i] * r;
                }
            }
        });
        for (int blk = 0; blk < nBlocks; blk++) {
            VECTOR.axpy(1f, part, blk * dim, dg, dgOff, dim);
        }
    }

    @Override
    public void matmulForward(float[] y, float[] x, float[] w, int wOff, int rows, int in, int out) {
        // Broadcast form needs Wᵀ [in, out]; transposing a weight is cheap next to the product.
        if (transposed.length < in * out) {
            transposed = new float[in * out];
        }
        float[] wt = transposed;
        pool.run(blocks(out, ROW_BLOCK), (worker, blk) -> {
            int end = Math.min(out, (blk + 1) * ROW_BLOCK);
            for (int o = blk * ROW_BLOCK; o < end; o++) {
                int src = wOff + o * in;
                for (int i = 0; i < in; i++) {
                    wt[i * out + o] = w[src + i];
                }
            }
        });
        pool.run(blocks(rows, ROW_BLOCK), (worker, blk) -> {
            int r0 = blk * ROW_BLOCK;
            int n = Math.min(ROW_BLOCK, rows - r0);
            Gemm.gemm(n, out, in, x, r0 * in, in, 1, wt, 0, out, y, r0 * out, out, false);
        });
    }

    @Override
    public void matmulBackwardInput(float[] dx, boolean accumulate, float[] dy, float[] w, int wOff, int rows, int in,
            int out) {
        pool.run(blocks(rows, ROW_BLOCK), (worker, blk) -> {
            int r0 = blk * ROW_BLOCK;
            int n = Math.min(ROW_BLOCK, rows - r0);
            Gemm.gemm(n, in, out, dy, r0 * out, out, 1, w, wOff, in, dx, r0 * in, in, accumulate);
        });
    }

    @Override
    public void matmulBackwardWeight(float[] dw, int dwOff, float[] dy, float[] x, int rows, int in, int out) {
        // Tiles of output rows of dW; each sums over every token in order.
        int tile = Math.max(4, Math.min(ROW_BLOCK, (out / 8 + 3) / 4 * 4));
        pool.run(blocks(out, tile), (worker, blk) -> {
            int o0 = blk * tile;
            int n = Math.min(tile, out - o0);
            Gemm.gemm(n, in, rows, dy, o0, 1, out, x, 0, in, dw, dwOff + o0 * in, in, true);
        });
    }

    @Override
    public void ropeForward(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table) {
        rotate(x, rows, seqLen, heads, headDim, table, 1f);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int seqLen, int heads, int headDim, RopeTable table) {
        rotate(dx, rows, seqLen, heads, headDim, table, -1f);
    }

    private void rotate(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table, float direction) {
        int half = headDim / 2;
        float[] cos = table.cosTable();
        float[] sin = table.sinTable();
        pool.run(blocks(rows, ROW_BLOCK), (w, blk) -> {
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                int t = table.rowOffset(n % seqLen);
                for (int h = 0; h < heads; h++) {
                    int o = (n * heads + h) * headDim;
                    int i = 0;
                    for (; i + L <= half; i += L) {
                        var c = FloatVector.fromArray(VectorMath.S, cos, t + i);
                        var s = FloatVector.fromArray(VectorMath.S, sin, t + i).mul(direction);
                        var a = FloatVector.fromArray(VectorMath.S, x, o + i);
                        var b = FloatVector.fromArray(VectorMath.S, x, o + i + half);
                        a.mul(c).sub(b.mul(s)).intoArray(x, o + i);
                        b.mul(c).add(a.mul(s)).intoArray(x, o + i + half);
                    }
                    ReferenceOps.rotatePairs(x, o, half, cos, sin, t, i, direction);
                }
            }
        });
    }

    @Override
    public void attentionForward(float[] y, float[] probs, float[] q, float[] k, float[] v, AttentionShape s) {
        attention.forward(y, probs, q, k, v, s);
    }

    @Override
    public void attentionBackward(float[] dq, float[] dk, float[] dv, float[] dy, float[] probs, float[] q, float[] k,
            float[] v, AttentionShape s) {
        attention.backward(dq, dk, dv, dy, probs, q, k, v, s);
    }

    @Override
    public void geluGateForward(float[] out, float[] gate, float[] up, int n) {
        pool.run(blocks(n, ELEMENT_BLOCK), (w, blk) -> {
            int i = blk * ELEMENT_BLOCK;
            int end = Math.min(n, i + ELEMENT_BLOCK);
            for (; i < end; i += L) {
                VectorMask<Float> m = VectorMath.S.indexInRange(i, end);
                var x = FloatVector.fromArray(VectorMath.S, gate, i, m);
                var th = VectorFunctions.tanh(x.mul(x).mul(x).mul(A).add(x).mul(C));
                x.mul(0.5f).mul(th.add(1f)).mul(FloatVector.fromArray(VectorMath.S, up, i, m)).intoArray(out, i, m);
            }
        });
    }

    @Override
    public void geluGateBackward(float[] dGate, float[] dUp, float[] dOut, float[] gate, float[] up, int n) {
        pool.run(blocks(n, ELEMENT_BLOCK), (w, blk) -> {
            int i = blk * ELEMENT_BLOCK;
            int end = Math.min(n, i + ELEMENT_BLOCK);
            for (; i < end; i += L) {
                VectorMask<Float> m = VectorMath.S.indexInRange(i, end);
                var x = FloatVector.fromArray(VectorMath.S, gate, i, m);
                var x2 = x.mul(x);
                var th = VectorFunctions.tanh(x2.mul(x).mul(A).add(x).mul(C));
                var d = FloatVector.fromArray(VectorMath.S, dOut, i, m);
                var gelu = x.mul(0.5f).mul(th.add(1f));
                var onePlus = th.add(1f).mul(0.5f);
                var slope = x.mul(0.5f).mul(th.mul(th).neg().add(1f)).mul(x2.mul(3f * A).add(1f).mul(C));
                d.mul(FloatVector.fromArray(VectorMath.S, up, i, m)).mul(onePlus.add(slope)).intoArray(dGate, i, m);
                d.mul(gelu).intoArray(dUp, i, m);
            }
        });
    }

    @Override
    public void add(float[] out, float[] a, float[] b, int n) {
        pool.run(blocks(n, ELEMENT_BLOCK), (w, blk) -> {
            int i = blk * ELEMENT_BLOCK;
            int end = Math.min(n, i + ELEMENT_BLOCK);
            for (; i + L <= end; i += L) {
                FloatVector.fromArray(VectorMath.S, a, i).add(FloatVector.fromArray(VectorMath.S, b, i)).intoArray(out, i);
            }
            for (; i < end; i++) {
                out[i] = a[i] + b[i];
            }
        });
    }

    @Override
    public void accumulate(float[] dst, float[] src, int n) {
        add(dst, dst, src, n);
    }

    @Override
    public void crossEntropyForward(float[] losses, float[] logits, int[] targets, int rows, int vocab) {
        pool.run(blocks(rows, ROW_BLOCK), (w, blk) -> {
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                int o = n * vocab;
                float max = VECTOR.max(logits, o, vocab);
                float sum = VectorMath.expScaled(logits, o, 1f, max, null, 0, vocab, lanes[w]);
                losses[n] = (float) (StrictMath.log(sum) + max - logits[o + targets[n]]);
            }
        });
    }

    @Override
    public void crossEntropyBackward(float[] logits, int[] targets, int rows, int vocab, float scale) {
        pool.run(blocks(rows, ROW_BLOCK), (w, blk) -> {
            int end = Math.min(rows, (blk + 1) * ROW_BLOCK);
            for (int n = blk * ROW_BLOCK; n < end; n++) {
                int o = n * vocab;
                float max = VECTOR.max(logits, o, vocab);
                float sum = VectorMath.expScaled(logits, o, 1f, max, logits, o, vocab, lanes[w]);
                VECTOR.scale(logits, o, vocab, scale / sum);
                logits[o + targets[n]] -= scale;
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
