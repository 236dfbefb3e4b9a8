package io.qat4j.kernels.gemm;

/**
 * The reference for {@link Gemm}: {@code C[m, n] (+)= Σ_k A(m, k)·B[k, n]} with plain loops, k in
 * increasing order.
 */
public final class ScalarGemm {
    private ScalarGemm() {}

    /** See {@link Gemm#gemm}; same arguments, same meaning. */
    public static void gemm(int rows, int cols, int depth, float[] a, int aOff, int aRowStride, int aColStride, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int m = 0; m < rows; m++) {
            for (int n = 0; n < cols; n++) {
                float s = accumulate ? c[cOff + m * ldc + n] : 0f;
                for (int k = 0; k < depth; k++) {
                    s += a[aOff + m * aRowStride + k * aColStride] * b[bOff + k * ldb + n];
                }
                c[cOff + m * ldc + n] = s;
            }
        }
    }
}
