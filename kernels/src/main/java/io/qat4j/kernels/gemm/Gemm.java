package io.qat4j.kernels.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded Vector-API matrix multiply {@code C[m, n] (+)= Σ_k A(m, k)·B[k, n]}, the one kernel
 * behind a training step's three products (forward X·Wᵀ, backward dY·W and dYᵀ·X) and attention's.
 *
 * <p>A is addressed by strides ({@code A(m, k) = a[aOff + m·aRowStride + k·aColStride]}), so a
 * transposed operand costs nothing; B and C are row-major with leading dimensions ldb and ldc.
 * Register tiles of 6 rows × 4 vectors keep 24 accumulators in registers (AVX-512 has 32): each step
 * broadcasts 6 A values and loads 4 B vectors for 24 fused multiply-adds; 4-row and 1-row tiles
 * finish the rows, 2-, 1- and masked 1-vector tiles the columns. The depth is cut into blocks so a panel
 * of B stays in cache while every row tile uses it.
 *
 * <p>Each C element is a sum over k in increasing order whatever the tiling, so results do not depend
 * on how callers split rows or columns between threads.
 */
public final class Gemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Depth block: a 4·L-wide panel of B of this many rows stays in L1/L2. */
    static final int KC = 256;

    private Gemm() {}

    /**
     * @param rows       M, rows of C
     * @param cols       N, columns of C
     * @param depth      K, the summed dimension
     * @param accumulate add to C (true) or overwrite it (false)
     */
    public static void gemm(int rows, int cols, int depth, float[] a, int aOff, int aRowStride, int aColStride, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (rows <= 0 || cols <= 0) {
            return;
        }
        if (depth <= 0) {
            if (!accumulate) {
                for (int m = 0; m < rows; m++) {
                    java.util.Arrays.fill(c, cOff + m * ldc, cOff + m * ldc + cols, 0f);
                }
            }
            return;
        }
        for (int k0 = 0; k0 < depth; k0 += KC) {
            int k1 = Math.min(depth, k0 + KC);
            boolean acc = accumulate || k0 > 0;
            int n = 0;
            for (; n + 4 * L <= cols; n += 4 * L) {
                int m = 0;
                for (; m + 6 <= rows; m += 6) {
                    tile6x4(m, n, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
                for (; m + 4 <= rows; m += 4) {
                    tile4x4(m, n, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
                for (; m < rows; m++) {
                    tile1x4(m, n, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
            }
            for (; n + 2 * L <= cols; n += 2 * L) {
                int m = 0;
                for (; m + 4 <= rows; m += 4) {
                    tile4x2(m, n, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
                for (; m < rows; m++) {
                    tile1x1(m, n, S.maskAll(true), k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                    tile1x1(m, n + L, S.maskAll(true), k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc,
                            acc);
                }
            }
            for (; n < cols; n += L) {
                VectorMask<Float> mask = S.indexInRange(n, cols);
                int m = 0;
                for (; m + 4 <= rows; m += 4) {
                    tile4x1(m, n, mask, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
                for (; m < rows; m++) {
                    tile1x1(m, n, mask, k0, k1, a, aOff, aRowStride, aColStride, b, bOff, ldb, c, cOff, ldc, acc);
                }
            }
        }
    }

    private static FloatVector init(float[] c, int at, boolean acc) {
        return acc ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
    }


    private static void tile6x4(int m, int n, int k0, int k1, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector v00 = init(c, c0, acc), v01 = init(c, c0 + L, acc), v02 = init(c, c0 + 2 * L, acc), v03 = init(c, c0 + 3 * L, acc);
        FloatVector v10 = init(c, c1, acc), v11 = init(c, c1 + L, acc), v12 = init(c, c1 + 2 * L, acc), v13 = init(c, c1 + 3 * L, acc);
        FloatVector v20 = init(c, c2, acc), v21 = init(c, c2 + L, acc), v22 = init(c, c2 + 2 * L, acc), v23 = init(c, c2 + 3 * L, acc);
        FloatVector v30 = init(c, c3, acc), v31 = init(c, c3 + L, acc), v32 = init(c, c3 + 2 * L, acc), v33 = init(c, c3 + 3 * L, acc);
        FloatVector v40 = init(c, c4, acc), v41 = init(c, c4 + L, acc), v42 = init(c, c4 + 2 * L, acc), v43 = init(c, c4 + 3 * L, acc);
        FloatVector v50 = init(c, c5, acc), v51 = init(c, c5 + L, acc), v52 = init(c, c5 + 2 * L, acc), v53 = init(c, c5 + 3 * L, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            v00 = x.fma(b0, v00); v01 = x.fma(b1, v01); v02 = x.fma(b2, v02); v03 = x.fma(b3, v03);
            x = FloatVector.broadcast(S, a[a0 + ars]);
            v10 = x.fma(b0, v10); v11 = x.fma(b1, v11); v12 = x.fma(b2, v12); v13 = x.fma(b3, v13);
            x = FloatVector.broadcast(S, a[a0 + 2 * ars]);
            v20 = x.fma(b0, v20); v21 = x.fma(b1, v21); v22 = x.fma(b2, v22); v23 = x.fma(b3, v23);
            x = FloatVector.broadcast(S, a[a0 + 3 * ars]);
            v30 = x.fma(b0, v30); v31 = x.fma(b1, v31); v32 = x.fma(b2, v32); v33 = x.fma(b3, v33);
            x = FloatVector.broadcast(S, a[a0 + 4 * ars]);
            v40 = x.fma(b0, v40); v41 = x.fma(b1, v41); v42 = x.fma(b2, v42); v43 = x.fma(b3, v43);
            x = FloatVector.broadcast(S, a[a0 + 5 * ars]);
            v50 = x.fma(b0, v50); v51 = x.fma(b1, v51); v52 = x.fma(b2, v52); v53 = x.fma(b3, v53);
        }
        v00.intoArray(c, c0); v01.intoArray(c, c0 + L); v02.intoArray(c, c0 + 2 * L); v03.intoArray(c, c0 + 3 * L);
        v10.intoArray(c, c1); v11.intoArray(c, c1 + L); v12.intoArray(c, c1 + 2 * L); v13.intoArray(c, c1 + 3 * L);
        v20.intoArray(c, c2); v21.intoArray(c, c2 + L); v22.intoArray(c, c2 + 2 * L); v23.intoArray(c, c2 + 3 * L);
        v30.intoArray(c, c3); v31.intoArray(c, c3 + L); v32.intoArray(c, c3 + 2 * L); v33.intoArray(c, c3 + 3 * L);
        v40.intoArray(c, c4); v41.intoArray(c, c4 + L); v42.intoArray(c, c4 + 2 * L); v43.intoArray(c, c4 + 3 * L);
        v50.intoArray(c, c5); v51.intoArray(c, c5 + L); v52.intoArray(c, c5 + 2 * L); v53.intoArray(c, c5 + 3 * L);
    }

    private static void tile4x4(int m, int n, int k0, int k1, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector v00 = init(c, c0, acc), v01 = init(c, c0 + L, acc), v02 = init(c, c0 + 2 * L, acc), v03 = init(c, c0 + 3 * L, acc);
        FloatVector v10 = init(c, c1, acc), v11 = init(c, c1 + L, acc), v12 = init(c, c1 + 2 * L, acc), v13 = init(c, c1 + 3 * L, acc);
        FloatVector v20 = init(c, c2, acc), v21 = init(c, c2 + L, acc), v22 = init(c, c2 + 2 * L, acc), v23 = init(c, c2 + 3 * L, acc);
        FloatVector v30 = init(c, c3, acc), v31 = init(c, c3 + L, acc), v32 = init(c, c3 + 2 * L, acc), v33 = init(c, c3 + 3 * L, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bk + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bk + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            v00 = x.fma(b0, v00);
            v01 = x.fma(b1, v01);
            v02 = x.fma(b2, v02);
            v03 = x.fma(b3, v03);
            x = FloatVector.broadcast(S, a[a0 + ars]);
            v10 = x.fma(b0, v10);
            v11 = x.fma(b1, v11);
            v12 = x.fma(b2, v12);
            v13 = x.fma(b3, v13);
            x = FloatVector.broadcast(S, a[a0 + 2 * ars]);
            v20 = x.fma(b0, v20);
            v21 = x.fma(b1, v21);
            v22 = x.fma(b2, v22);
            v23 = x.fma(b3, v23);
            x = FloatVector.broadcast(S, a[a0 + 3 * ars]);
            v30 = x.fma(b0, v30);
            v31 = x.fma(b1, v31);
            v32 = x.fma(b2, v32);
            v33 = x.fma(b3, v33);
        }
        v00.intoArray(c, c0); v01.intoArray(c, c0 + L); v02.intoArray(c, c0 + 2 * L); v03.intoArray(c, c0 + 3 * L);
        v10.intoArray(c, c1); v11.intoArray(c, c1 + L); v12.intoArray(c, c1 + 2 * L); v13.intoArray(c, c1 + 3 * L);
        v20.intoArray(c, c2); v21.intoArray(c, c2 + L); v22.intoArray(c, c2 + 2 * L); v23.intoArray(c, c2 + 3 * L);
        v30.intoArray(c, c3); v31.intoArray(c, c3 + L); v32.intoArray(c, c3 + 2 * L); v33.intoArray(c, c3 + 3 * L);
    }

    private static void tile4x2(int m, int n, int k0, int k1, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector v00 = init(c, c0, acc), v01 = init(c, c0 + L, acc);
        FloatVector v10 = init(c, c1, acc), v11 = init(c, c1 + L, acc);
        FloatVector v20 = init(c, c2, acc), v21 = init(c, c2 + L, acc);
        FloatVector v30 = init(c, c3, acc), v31 = init(c, c3 + L, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bk);
            FloatVector b1 = FloatVector.fromArray(S, b, bk + L);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            v00 = x.fma(b0, v00);
            v01 = x.fma(b1, v01);
            x = FloatVector.broadcast(S, a[a0 + ars]);
            v10 = x.fma(b0, v10);
            v11 = x.fma(b1, v11);
            x = FloatVector.broadcast(S, a[a0 + 2 * ars]);
            v20 = x.fma(b0, v20);
            v21 = x.fma(b1, v21);
            x = FloatVector.broadcast(S, a[a0 + 3 * ars]);
            v30 = x.fma(b0, v30);
            v31 = x.fma(b1, v31);
        }
        v00.intoArray(c, c0); v01.intoArray(c, c0 + L);
        v10.intoArray(c, c1); v11.intoArray(c, c1 + L);
        v20.intoArray(c, c2); v21.intoArray(c, c2 + L);
        v30.intoArray(c, c3); v31.intoArray(c, c3 + L);
    }

    private static void tile1x4(int m, int n, int k0, int k1, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        FloatVector v0 = init(c, c0, acc), v1 = init(c, c0 + L, acc), v2 = init(c, c0 + 2 * L, acc), v3 = init(c, c0 + 3 * L, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            v0 = x.fma(FloatVector.fromArray(S, b, bk), v0);
            v1 = x.fma(FloatVector.fromArray(S, b, bk + L), v1);
            v2 = x.fma(FloatVector.fromArray(S, b, bk + 2 * L), v2);
            v3 = x.fma(FloatVector.fromArray(S, b, bk + 3 * L), v3);
        }
        v0.intoArray(c, c0); v1.intoArray(c, c0 + L); v2.intoArray(c, c0 + 2 * L); v3.intoArray(c, c0 + 3 * L);
    }

    private static FloatVector init(float[] c, int at, VectorMask<Float> mask, boolean acc) {
        return acc ? FloatVector.fromArray(S, c, at, mask) : FloatVector.zero(S);
    }

    private static void tile4x1(int m, int n, VectorMask<Float> mask, int k0, int k1, float[] a, int aOff, int ars, int acs,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        FloatVector v0 = init(c, c0, mask, acc), v1 = init(c, c0 + ldc, mask, acc);
        FloatVector v2 = init(c, c0 + 2 * ldc, mask, acc), v3 = init(c, c0 + 3 * ldc, mask, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            FloatVector bv = FloatVector.fromArray(S, b, bk, mask);
            v0 = FloatVector.broadcast(S, a[a0]).fma(bv, v0);
            v1 = FloatVector.broadcast(S, a[a0 + ars]).fma(bv, v1);
            v2 = FloatVector.broadcast(S, a[a0 + 2 * ars]).fma(bv, v2);
            v3 = FloatVector.broadcast(S, a[a0 + 3 * ars]).fma(bv, v3);
        }
        v0.intoArray(c, c0, mask);
        v1.intoArray(c, c0 + ldc, mask);
        v2.intoArray(c, c0 + 2 * ldc, mask);
        v3.intoArray(c, c0 + 3 * ldc, mask);
    }

    private static void tile1x1(int m, int n, VectorMask<Float> mask, int k0, int k1, float[] a, int aOff, int ars, int acs,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc) {
        int c0 = cOff + m * ldc + n;
        FloatVector v = init(c, c0, mask, acc);
        int a0 = aOff + m * ars + k0 * acs;
        int bk = bOff + k0 * ldb + n;
        for (int k = k0; k < k1; k++, a0 += acs, bk += ldb) {
            v = FloatVector.broadcast(S, a[a0]).fma(FloatVector.fromArray(S, b, bk, mask), v);
        }
        v.intoArray(c, c0, mask);
    }
}
