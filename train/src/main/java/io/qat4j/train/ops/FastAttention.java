package io.qat4j.train.ops;

import java.util.Arrays;

import io.qat4j.kernels.VectorOps;
import io.qat4j.kernels.gemm.Gemm;
import io.qat4j.kernels.parallel.WorkerPool;

/**
 * Causal / sliding-window GQA attention built on {@link Gemm}: one task per (sequence, KV head), which
 * walks its query heads and blocks of {@value #BLOCK} queries in a fixed order. Each block multiplies
 * only the rectangle of keys that some query in it can see; entries outside a query's window are
 * written as exact zeros so the backward products over the same rectangles stay exact. A task owns
 * its slices of dk and dv, so the GQA sums over query heads are deterministic.
 */
final class FastAttention {
    /** The shared row kernels (deterministic, JIT-independent). */
    private static final VectorOps VECTOR = VectorOps.best();

    static final int BLOCK = 32;

    private final WorkerPool pool;
    private final Scratch[] scratch;

    private static final class Scratch {
        float[] keysT = new float[0];
        float[] valuesT = new float[0];
        float[] tile = new float[0];
        float[] dScores = new float[0];
        final float[] lanes = new float[VectorMath.L];

        void ensure(int seqLen, int headDim) {
            if (keysT.length < seqLen * headDim) {
                keysT = new float[seqLen * headDim];
                valuesT = new float[seqLen * headDim];
            }
            if (tile.length < BLOCK * seqLen) {
                tile = new float[BLOCK * seqLen];
                dScores = new float[BLOCK * seqLen];
            }
        }
    }

    FastAttention(WorkerPool pool) {
        this.pool = pool;
        this.scratch = new Scratch[pool.threads()];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new Scratch();
        }
    }

    void forward(float[] y, float[] probs, float[] q, float[] k, float[] v, AttentionShape s) {
        pool.run(s.batch() * s.kvHeads(), (worker, task) -> forwardTask(scratch[worker], task, y, probs, q, k, v, s));
    }

    void backward(float[] dq, float[] dk, float[] dv, float[] dy, float[] probs, float[] q, float[] k, float[] v,
            AttentionShape s) {
        pool.run(s.batch() * s.kvHeads(),
                (worker, task) -> backwardTask(scratch[worker], task, dq, dk, dv, dy, probs, q, k, v, s));
    }

    /** dst[i·T + j] = src[(row0 + j)·stride + col0 + i]: a head's keys or values as [headDim, T]. */
    private static void transpose(float[] src, int row0, int stride, int col0, int seqLen, int headDim, float[] dst) {
        for (int j = 0; j < seqLen; j++) {
            int at = (row0 + j) * stride + col0;
            for (int i = 0; i < headDim; i++) {
                dst[i * seqLen + j] = src[at + i];
            }
        }
    }

    private static void forwardTask(Scratch w, int task, float[] y, float[] probs, float[] q, float[] k, float[] v,
            AttentionShape s) {
        int T = s.seqLen();
        int hd = s.headDim();
        int qd = s.qDim();
        int kvd = s.kvDim();
        int b = task / s.kvHeads();
        int kvh = task % s.kvHeads();
        w.ensure(T, hd);
        transpose(k, b * T, kvd, kvh * hd, T, hd, w.keysT);
        for (int g = 0; g < s.group(); g++) {
            int h = kvh * s.group() + g;
            for (int t0 = 0; t0 < T; t0 += BLOCK) {
                int t1 = Math.min(T, t0 + BLOCK);
                int lo = s.firstKey(t0);
                int width = t1 - lo;
                int qAt = (b * T + t0) * qd + h * hd;
                Gemm.gemm(t1 - t0, width, hd, q, qAt, qd, 1, w.keysT, lo, T, w.tile, 0, width, false);
                for (int t = t0; t < t1; t++) {
                    int row = (t - t0) * width;
                    int pAt = ((b * s.heads() + h) * T + t) * T;
                    int first = s.firstKey(t);
                    int n = t - first + 1;
                    int validAt = row + first - lo;
                    float max = VECTOR.max(w.tile, validAt, n) * s.scale();
                    Arrays.fill(probs, pAt + lo, pAt + first, 0f);
                    float sum = VectorMath.expScaled(w.tile, validAt, s.scale(), max, probs, pAt + first, n, w.lanes);
                    VECTOR.scale(probs, pAt + first, n, 1f / sum);
                    Arrays.fill(probs, pAt + t + 1, pAt + t1, 0f);
                }
                int vAt = (b * T + lo) * kvd + kvh * hd;
                int pBlock = ((b * s.heads() + h) * T + t0) * T + lo;
                Gemm.gemm(t1 - t0, hd, width, probs, pBlock, T, 1, v, vAt, kvd, y, qAt, qd, false);
            }
        }
    }

    private static void backwardTask(Scratch w, int task, float[] dq, float[] dk, float[] dv, float[] dy, float[] probs,
            float[] q, float[] k, float[] v, AttentionShape s) {
        int T = s.seqLen();
        int hd = s.headDim();
        int qd = s.qDim();
        int kvd = s.kvDim();
        int b = task / s.kvHeads();
        int kvh = task % s.kvHeads();
        w.ensure(T, hd);
        transpose(v, b * T, kvd, kvh * hd, T, hd, w.valuesT);
        for (int j = 0; j < T; j++) {
            int at = (b * T + j) * kvd + kvh * hd;
            Arrays.fill(dk, at, at + hd, 0f);
            Arrays.fill(dv, at, at + hd, 0f);
        }
        for (int g = 0; g < s.group(); g++) {
            int h = kvh * s.group() + g;
            for (int t0 = 0; t0 < T; t0 += BLOCK) {
                int t1 = Math.min(T, t0 + BLOCK);
                int lo = s.firstKey(t0);
                int width = t1 - lo;
                int rows = t1 - t0;
                int qAt = (b * T + t0) * qd + h * hd;
                int kvAt = (b * T + lo) * kvd + kvh * hd;
                int pBlock = ((b * s.heads() + h) * T + t0) * T + lo;
                // dP = dY · Vᵀ over the block's key rectangle
                Gemm.gemm(rows, width, hd, dy, qAt, qd, 1, w.valuesT, lo, T, w.tile, 0, width, false);
                for (int t = t0; t < t1; t++) {
                    int row = (t - t0) * width;
                    int pRow = pBlock + (t - t0) * T;
                    int first = s.firstKey(t) - lo;
                    int last = t - lo;
                    float pdp = VECTOR.dot(probs, pRow + first, w.tile, row + first, last - first + 1);
                    Arrays.fill(w.dScores, row, row + first, 0f);
                    for (int j = first; j <= last; j++) {
                        w.dScores[row + j] = probs[pRow + j] * (w.tile[row + j] - pdp) * s.scale();
                    }
                    Arrays.fill(w.dScores, row + last + 1, row + width, 0f);
                }
                Gemm.gemm(rows, hd, width, w.dScores, 0, width, 1, k, kvAt, kvd, dq, qAt, qd, false);
                Gemm.gemm(width, hd, rows, w.dScores, 0, 1, width, q, qAt, qd, dk, kvAt, kvd, true);
                Gemm.gemm(width, hd, rows, probs, pBlock, 1, T, dy, qAt, qd, dv, kvAt, kvd, true);
            }
        }
    }
}
