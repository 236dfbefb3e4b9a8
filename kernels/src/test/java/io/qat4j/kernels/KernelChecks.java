package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

import io.qat4j.core.gguf.GgmlType;

/**
 * Compares a fast {@link VectorOps} with {@link ScalarOps} kernel by kernel on seeded random inputs.
 * Used by {@link PanamaOpsTest} and, in JVMs forced to narrower vectors, by
 * {@link NarrowVectorWidthTest} (through {@link #main}).
 *
 * <h2>Tolerances</h2>
 * Reductions may sum in any order and fuse multiply-adds, so they are not bit-identical. For a sum of
 * k rounded terms, every order of evaluation is within γ_k·Σ|term| of the exact value, where
 * γ_k = k·u/(1 − k·u) and u = 2⁻²⁴ (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>,
 * §3.1); two such results are therefore within 2·γ_k·Σ|term| of each other. The checks use that bound
 * with k = n + 2 (the products and, for quantized rows, the block scale multiply), plus a few
 * smallest subnormals for underflow. The bound is loose for large n, so indexing mistakes are caught
 * separately by the exact checks, whose inputs make every order of evaluation exact.
 */
final class KernelChecks {
    private static final double U = 0x1p-24;

    private final VectorOps fast;
    private final VectorOps ref = ScalarOps.INSTANCE;
    private final QuantizedDotOps fastQuantized;
    private final QuantizedDotOps refQuantized = ScalarQuantizedDotOps.INSTANCE;
    private final RandomInputs in;

    KernelChecks(VectorOps fast, QuantizedDotOps fastQuantized, long seed) {
        this.fast = fast;
        this.fastQuantized = fastQuantized;
        this.in = new RandomInputs(seed);
    }

    static double gamma(int k) {
        return k * U / (1 - k * U);
    }

    /** Asserts that two evaluations of the same k-term sum agree up to reassociation. */
    static void assertReassociated(String what, float actual, float expected, double sumOfAbsTerms, int k) {
        double tolerance = 2 * gamma(k + 2) * sumOfAbsTerms + 4 * (k + 2) * (double) Float.MIN_VALUE;
        if (!close(actual, expected, tolerance)) {
            throw new AssertionError(what + ": expected " + expected + " ± " + tolerance + " but was " + actual);
        }
    }

    /** Non-finite values must match exactly (any NaN matches any NaN); finite ones within the tolerance. */
    static boolean close(float actual, float expected, double tolerance) {
        if (Float.isNaN(expected) || Float.isInfinite(expected)) {
            return Float.compare(actual, expected) == 0;
        }
        return Math.abs((double) actual - expected) <= tolerance;
    }

    /** Asserts actual[off+i] is close to expected[off+i] for i < n, each within tolerance.applyAsDouble(i). */
    static void assertElementsClose(String what, float[] actual, float[] expected, int off, int n,
            IntToDoubleFunction tolerance) {
        for (int i = 0; i < n; i++) {
            double t = tolerance.applyAsDouble(i);
            if (!close(actual[off + i], expected[off + i], t)) {
                throw new AssertionError(what + " n=" + n + ", element " + i + ": expected " + expected[off + i]
                        + " ± " + t + " but was " + actual[off + i]);
            }
        }
    }

    // ---- dot products --------------------------------------------------------------------------

    void dot(int n) {
        int aOff = in.offset();
        int bOff = in.offset();
        var a = in.paddedValues(aOff, n);
        var b = in.paddedValues(bOff, n);
        double abs = 0;
        for (int i = 0; i < n; i++) {
            abs += Math.abs((double) a[aOff + i] * b[bOff + i]);
        }
        assertReassociated("dot n=" + n, fast.dot(a, aOff, b, bOff, n), ref.dot(a, aOff, b, bOff, n), abs, n);
    }

    void exactDot(int n) {
        int aOff = in.offset();
        var a = in.smallIntegers(aOff + n, 16);
        var b = in.smallIntegers(n, 16);
        assertThat(fast.dot(a, aOff, b, 0, n)).as("exact dot n=" + n).isEqualTo(ref.dot(a, aOff, b, 0, n));
    }

    /** What a weight row holds. */
    enum RowValues {
        /** realistic weights encoded by the format's codec */
        WEIGHTS,
        /** uniformly random 16-bit patterns (F16, BF16) */
        ANY_BITS,
        /** uniformly random 16-bit patterns without infinities and NaNs */
        FINITE_BITS
    }

    /** A row of the type against float activations. */
    void rowDot(GgmlType type, int n, RowValues values, Arena arena) {
        var row = switch (values) {
            case WEIGHTS -> in.encode(type, in.weights(n), arena);
            case ANY_BITS -> in.randomBits(type, n, false, arena);
            case FINITE_BITS -> in.randomBits(type, n, true, arena);
        };
        int xOff = in.offset();
        var x = in.paddedValues(xOff, n);
        var w = row.decoded();
        double abs = 0;
        for (int i = 0; i < n; i++) {
            abs += Math.abs((double) w[i] * x[xOff + i]);
        }
        String what = type + " row dot (" + values + ") n=" + n + " at byte " + row.offset() + (arena == null ? " (heap)" : " (native)");
        assertReassociated(what, fast.dotRow(type, row.segment(), row.offset(), x, xOff, n),
                ref.dotRow(type, row.segment(), row.offset(), x, xOff, n), abs, n);
    }

    /** Small-integer weights and activations (power-of-two block scales): every evaluation order is exact. */
    void exactRowDot(GgmlType type, int n, Arena arena) {
        var row = switch (type) {
            case Q8_0, Q4_0 -> in.exactQuantizedRow(type, n, arena);
            default -> in.encode(type, in.smallIntegers(n, 16), arena);
        };
        int xOff = in.offset();
        var x = in.smallIntegers(xOff + n, type == GgmlType.Q8_0 || type == GgmlType.Q4_0 ? 4 : 16);
        assertThat(fast.dotRow(type, row.segment(), row.offset(), x, xOff, n))
                .as("exact " + type + " row dot n=" + n + " at byte " + row.offset())
                .isEqualTo(ref.dotRow(type, row.segment(), row.offset(), x, xOff, n));
    }

    // ---- element-wise kernels ------------------------------------------------------------------

    void axpy(int n) {
        float a = in.value();
        int xOff = in.offset();
        int yOff = in.offset();
        var x = in.paddedValues(xOff, n);
        var y0 = in.paddedValues(yOff, n);
        var expected = y0.clone();
        var actual = y0.clone();
        ref.axpy(a, x, xOff, expected, yOff, n);
        fast.axpy(a, x, xOff, actual, yOff, n);
        assertUntouchedBefore("axpy", actual, y0, yOff);
        // A fused multiply-add against a rounded product then a rounded sum: within 3u of |a·x| + |y|.
        assertElementsClose("axpy", actual, expected, yOff, n,
                i -> 3 * U * (Math.abs((double) a * x[xOff + i]) + Math.abs(y0[yOff + i])) + Float.MIN_VALUE);
    }

    void sumOfSquares(int n) {
        int off = in.offset();
        var x = in.paddedValues(off, n);
        double abs = 0;
        for (int i = 0; i < n; i++) {
            abs += (double) x[off + i] * x[off + i];
        }
        assertReassociated("sumOfSquares n=" + n, fast.sumOfSquares(x, off, n), ref.sumOfSquares(x, off, n), abs, n);
    }

    /** The same two multiplications in the same order: bit-identical. */
    void scaleMul(int n) {
        float scale = in.value();
        int xOff = in.offset();
        int wOff = in.offset();
        int outOff = in.offset();
        var x = in.paddedValues(xOff, n);
        var w = in.paddedValues(wOff, n);
        var out0 = in.paddedValues(outOff, n);
        var expected = out0.clone();
        var actual = out0.clone();
        ref.scaleMul(x, xOff, scale, w, wOff, expected, outOff, n);
        fast.scaleMul(x, xOff, scale, w, wOff, actual, outOff, n);
        assertThat(actual).as("scaleMul n=" + n).containsExactly(expected);
    }

    void scale(int n) {
        float s = in.value();
        int off = in.offset();
        var x0 = in.paddedValues(off, n);
        var expected = x0.clone();
        var actual = x0.clone();
        ref.scale(expected, off, n, s);
        fast.scale(actual, off, n, s);
        assertThat(actual).as("scale n=" + n).containsExactly(expected);
    }

    /**
     * gelu(x)·up for x mostly in (−10, 10). For x ≥ 0 both are within about 1.5e-7 of each other
     * relative to the result. For x < 0, 1 + tanh(·) cancels (in the scalar reference too), so the
     * result can only be asked to be close relative to |x·up|: both are measured within 1.1e-7·|x| of
     * the exact value. The check allows 1e-6·|x·up|.
     */
    void geluTanhMul(int n) {
        int gOff = in.offset();
        int uOff = in.offset();
        var gate0 = new float[gOff + n];
        for (int i = 0; i < gate0.length; i++) {
            gate0[i] = in.nextInt(10) == 0 ? in.value() : (float) (20 * in.random().nextDouble() - 10);
        }
        var up = in.paddedValues(uOff, n);
        var expected = gate0.clone();
        var actual = gate0.clone();
        ref.geluTanhMul(expected, gOff, up, uOff, n);
        fast.geluTanhMul(actual, gOff, up, uOff, n);
        assertUntouchedBefore("geluTanhMul", actual, gate0, gOff);
        assertElementsClose("geluTanhMul", actual, expected, gOff, n,
                i -> 1e-6 * Math.abs((double) gate0[gOff + i] * up[uOff + i]) + Float.MIN_VALUE);
    }

    /** Math.max semantics, including max(−0, +0) = +0 and NaN: bit-identical. */
    void max(int n) {
        int off = in.offset();
        var x = in.paddedValues(off, n);
        if (n > 0 && in.nextInt(8) == 0) {
            x[off + in.nextInt(n)] = Float.NaN;
        }
        if (n > 0 && in.nextInt(8) == 0) {
            Arrays.fill(x, off, off + n, in.random().nextBoolean() ? -0f : 0f);
            x[off + in.nextInt(n)] = -x[off];
        }
        float expected = ref.max(x, off, n);
        float actual = fast.max(x, off, n);
        if (Float.floatToIntBits(actual) != Float.floatToIntBits(expected)) {
            throw new AssertionError("max n=" + n + ": expected " + expected + " but was " + actual);
        }
    }

    /**
     * Each exponential within 2 ulps of the reference (the Vector API's float exp is within 1 ulp of
     * the exact value, the reference within half an ulp); the sum up to reassociation plus those errors.
     */
    void expShiftSum(int n) {
        int off = in.offset();
        var x0 = new float[off + n];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = in.nextInt(20) == 0 ? Float.NEGATIVE_INFINITY : (float) (110 * in.random().nextDouble() - 100);
        }
        float shift = in.random().nextBoolean() ? 0f : in.value();
        var expected = x0.clone();
        var actual = x0.clone();
        float refSum = ref.expShiftSum(expected, off, n, shift);
        float fastSum = fast.expShiftSum(actual, off, n, shift);
        assertUntouchedBefore("expShiftSum", actual, x0, off);
        assertElementsClose("exp(x − " + shift + ")", actual, expected, off, n, i -> 2 * Math.ulp(expected[off + i]));
        double sum = 0;
        double elementErrors = 0;
        for (int i = off; i < off + n; i++) {
            sum += expected[i];
            elementErrors += 2 * Math.ulp(expected[i]);
        }
        double tolerance = 2 * gamma(n + 2) * sum + elementErrors;
        if (!close(fastSum, refSum, tolerance)) {
            throw new AssertionError("expShiftSum n=" + n + ": expected " + refSum + " ± " + tolerance + " but was " + fastSum);
        }
    }

    // ---- int8-activation kernels ---------------------------------------------------------------

    /** Activation quantization is bit-identical to the scalar (codec) quantizer: same codes, same scales. */
    void quantizeActivations(int blocks) {
        int n = 32 * blocks;
        int off = in.offset();
        var x = new float[off + n];
        for (int b = 0; b < blocks; b++) {
            in.activationBlock(x, off + 32 * b);
        }
        var expectedQ = new byte[n];
        var expectedD = new float[blocks];
        var actualQ = new byte[n];
        var actualD = new float[blocks];
        refQuantized.quantizeActivationsQ8_0(x, off, n, expectedQ, expectedD);
        fastQuantized.quantizeActivationsQ8_0(x, off, n, actualQ, actualD);
        assertThat(actualD).as("Q8_0 activation scales, %d blocks", blocks).containsExactly(expectedD);
        assertThat(actualQ).as("Q8_0 activation codes, %d blocks", blocks).containsExactly(expectedQ);
    }

    /**
     * A Q4_0 or Q8_0 row (realistic weights through the codec) against quantized activations, from
     * activation block {@code block0}. Block sums are exact integers in both; what differs is how the
     * scaled block sums are rounded and added, so the tolerance is the reassociation bound over
     * Σ_b |d_w·d_x|·Σ_j |q_w·q_x|.
     */
    void quantizedDot(GgmlType type, int blocks, Arena arena) {
        var row = in.encode(type, in.weights(32 * blocks), arena);
        int block0 = in.nextInt(4);
        var activations = quantizedActivations(block0 + blocks);
        var w = row.decoded();
        double abs = 0;
        for (int i = 0; i < 32 * blocks; i++) {
            int a = 32 * block0 + i;
            abs += Math.abs((double) w[i] * activations.q()[a] * activations.d()[block0 + i / 32]);
        }
        assertReassociated(type + "×Q8 dot, " + blocks + " blocks from " + block0 + " at byte " + row.offset(),
                quantizedDot(fastQuantized, type, row, activations, block0, blocks),
                quantizedDot(refQuantized, type, row, activations, block0, blocks), abs, 32 * blocks);
    }

    /** Power-of-two scales and activation codes in [−4, 4]: every evaluation order is exact. */
    void exactQuantizedDot(GgmlType type, int blocks, Arena arena) {
        var row = in.exactQuantizedRow(type, 32 * blocks, arena);
        var q = new byte[32 * blocks];
        var d = new float[blocks];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (in.nextInt(9) - 4);
        }
        java.util.Arrays.fill(d, 1f);
        var activations = new QuantizedActivations(q, d);
        assertThat(quantizedDot(fastQuantized, type, row, activations, 0, blocks))
                .as("exact %s×Q8 dot, %d blocks", type, blocks)
                .isEqualTo(quantizedDot(refQuantized, type, row, activations, 0, blocks));
    }

    record QuantizedActivations(byte[] q, float[] d) {}

    QuantizedActivations quantizedActivations(int blocks) {
        var x = new float[32 * blocks];
        for (int b = 0; b < blocks; b++) {
            in.activationBlock(x, 32 * b);
        }
        var q = new byte[x.length];
        var d = new float[blocks];
        refQuantized.quantizeActivationsQ8_0(x, 0, x.length, q, d);
        return new QuantizedActivations(q, d);
    }

    private static float quantizedDot(QuantizedDotOps ops, GgmlType type, RandomInputs.Row row,
            QuantizedActivations a, int block0, int blocks) {
        return switch (type) {
            case Q4_0 -> ops.dotQ4_0xQ8(row.segment(), row.offset(), a.q(), a.d(), block0, blocks);
            case Q8_0 -> ops.dotQ8_0xQ8(row.segment(), row.offset(), a.q(), a.d(), block0, blocks);
            default -> throw new IllegalArgumentException("no int8-activation dot for " + type);
        };
    }

    private static void assertUntouchedBefore(String what, float[] actual, float[] original, int off) {
        assertThat(Arrays.copyOf(actual, off)).as(what + ": values before the offset").containsExactly(
                Arrays.copyOf(original, off));
    }

    // ---- the whole set, for JVMs started with other vector widths ------------------------------

    /** Every check on every length up to 130 and a few long ones; the fast kernels are {@link VectorOps#best()}. */
    void all() {
        try (var arena = Arena.ofConfined()) {
            for (int n = 0; n <= 130; n++) {
                allFloat(n);
            }
            for (int n : new int[] {1152, 2049}) {
                allFloat(n);
            }
            for (int blocks = 0; blocks <= 12; blocks++) {
                for (var type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0}) {
                    rowDot(type, 32 * blocks, RowValues.WEIGHTS, arena);
                    rowDot(type, 32 * blocks, RowValues.WEIGHTS, null);
                    exactRowDot(type, 32 * blocks, arena);
                }
            }
            for (int blocks = 0; blocks <= 12; blocks++) {
                quantizeActivations(blocks);
                for (var type : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
                    quantizedDot(type, blocks, arena);
                    exactQuantizedDot(type, blocks, null);
                }
            }
            for (int n = 0; n <= 70; n++) {
                for (var type : new GgmlType[] {GgmlType.F16, GgmlType.BF16}) {
                    rowDot(type, n, RowValues.ANY_BITS, arena);
                    rowDot(type, n, RowValues.FINITE_BITS, arena);
                }
                exactRowDot(GgmlType.F16, n, arena);
                exactRowDot(GgmlType.F32, n, null);
            }
        }
    }

    private void allFloat(int n) {
        dot(n);
        exactDot(n);
        axpy(n);
        sumOfSquares(n);
        scaleMul(n);
        scale(n);
        geluTanhMul(n);
        max(n);
        expShiftSum(n);
    }

    /** Runs {@link #all} and the matrix-product checks against the best kernels of this JVM and prints their classes and vector width. */
    public static void main(String[] args) {
        new KernelChecks(VectorOps.best(), QuantizedDotOps.best(), Long.parseLong(args[0])).all();
        var matmul = new MatMulTest();
        for (var type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K}) {
            matmul.batchedEqualsOneTokenAtATimeAndAnyRowSplit(type);
            matmul.vectorProductMatchesScalarAndScalarMatchesDouble(type);
        }
        matmul.close();
        System.out.println("ok " + VectorOps.best().getClass().getSimpleName() + " "
                + QuantizedDotOps.best().getClass().getSimpleName() + " "
                + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
    }
}
