package io.qat4j.kernels.gemm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.qat4j.kernels.parallel.WorkerPool;

/** The Vector-API GEMM against the plain-loop reference, over random shapes, strides and offsets. */
class GemmTest {

    private static float[] random(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @RepeatedTest(60)
    void matchesTheScalarReference(org.junit.jupiter.api.RepetitionInfo info) {
        var r = new SplittableRandom(info.getCurrentRepetition());
        int rows = 1 + r.nextInt(23);
        int cols = 1 + r.nextInt(150);
        int depth = 1 + r.nextInt(300);
        boolean transposedA = r.nextBoolean();
        boolean accumulate = r.nextBoolean();
        int aOff = r.nextInt(5);
        int lda = transposedA ? rows + r.nextInt(3) : depth + r.nextInt(3);
        int aRs = transposedA ? 1 : lda;
        int aCs = transposedA ? lda : 1;
        float[] a = random(r, aOff + (transposedA ? depth * lda : rows * lda));
        int bOff = r.nextInt(5);
        int ldb = cols + r.nextInt(4);
        float[] b = random(r, bOff + depth * ldb);
        int cOff = r.nextInt(5);
        int ldc = cols + r.nextInt(4);
        float[] c = random(r, cOff + rows * ldc);
        float[] expected = c.clone();
        ScalarGemm.gemm(rows, cols, depth, a, aOff, aRs, aCs, b, bOff, ldb, expected, cOff, ldc, accumulate);
        Gemm.gemm(rows, cols, depth, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, accumulate);
        for (int i = 0; i < c.length; i++) {
            // float sums of up to 300 products of N(0,1) values: relative error ~1e-6 of sqrt(depth)
            assertThat(c[i]).as("C[%d] of %dx%dx%d", i, rows, cols, depth)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(2e-5f * (float) Math.sqrt(depth) + 1e-6f));
        }
    }

    @Test
    void zeroDepthClearsOrKeeps() {
        float[] c = {1, 2, 3, 4};
        Gemm.gemm(2, 2, 0, new float[0], 0, 1, 1, new float[0], 0, 2, c, 0, 2, true);
        assertThat(c).containsExactly(1, 2, 3, 4);
        Gemm.gemm(2, 2, 0, new float[0], 0, 1, 1, new float[0], 0, 2, c, 0, 2, false);
        assertThat(c).containsExactly(0, 0, 0, 0);
    }

    @Test
    void poolRunsEveryTaskOnceAndPropagatesFailures() {
        try (var pool = new WorkerPool(3)) {
            int[] hits = new int[1000];
            for (int round = 0; round < 50; round++) {
                pool.run(hits.length, (w, i) -> hits[i]++);
            }
            for (int h : hits) {
                assertThat(h).isEqualTo(50);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.run(10, (w, i) -> {
                if (i == 7) {
                    throw new IllegalStateException("task 7 failed");
                }
            })).hasMessage("task 7 failed");
            int[] after = new int[5];
            pool.run(5, (w, i) -> after[i] = w < 3 ? 1 : 0);
            assertThat(after).containsOnly(1);
        }
    }
}
