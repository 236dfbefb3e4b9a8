package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/**
 * PanamaOps against the scalar reference, kernel by kernel, over every length up to 130 (all tails of
 * 4-, 8- and 16-lane vectors, and 32-element blocks), random longer lengths and the Gemma 3 1B widths
 * 1152 and 6912. Tolerances are documented in {@link KernelChecks}. The surefire JVM runs with the
 * machine's widest vectors; {@link NarrowVectorWidthTest} repeats the checks with 128- and 256-bit ones.
 */
class PanamaOpsTest {
    private final KernelChecks check = new KernelChecks(PanamaOps.INSTANCE, PanamaQuantizedDotOps.INSTANCE, 20251127);
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    /** 0..130, 40 random lengths below 3000, and the two model widths. */
    static int[] floatLengths() {
        var rnd = new Random(7);
        return IntStream.concat(IntStream.rangeClosed(0, 130),
                IntStream.concat(rnd.ints(40, 131, 3000), IntStream.of(1152, 6912))).toArray();
    }

    /** Whole blocks: 0..12 blocks, 20 random counts below 256 blocks, and the two model widths. */
    static int[] blockLengths() {
        var rnd = new Random(11);
        return IntStream.concat(IntStream.rangeClosed(0, 12), IntStream.concat(rnd.ints(20, 13, 256), IntStream.of(36, 216)))
                .map(blocks -> 32 * blocks).toArray();
    }

    @Test
    void dot() {
        for (int n : floatLengths()) {
            check.dot(n);
            check.exactDot(n);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16"})
    void floatRowDots(GgmlType type) {
        for (int n : floatLengths()) {
            check.rowDot(type, n, KernelChecks.RowValues.WEIGHTS, arena);
            check.rowDot(type, n, KernelChecks.RowValues.WEIGHTS, null);
            check.exactRowDot(type, n, arena);
        }
    }

    /**
     * Uniformly random 16-bit patterns: subnormals and zeros of both signs, and in half of the rows
     * NaNs and infinities (such rows end in NaN or ±infinity, which must match exactly).
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "BF16"})
    void halfRowDotsOverEveryKindOfValue(GgmlType type) {
        for (int n : floatLengths()) {
            check.rowDot(type, n, KernelChecks.RowValues.FINITE_BITS, arena);
            check.rowDot(type, n, KernelChecks.RowValues.ANY_BITS, arena);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0"})
    void quantizedRowDots(GgmlType type) {
        for (int n : blockLengths()) {
            check.rowDot(type, n, KernelChecks.RowValues.WEIGHTS, arena);
            check.rowDot(type, n, KernelChecks.RowValues.WEIGHTS, null);
            check.exactRowDot(type, n, arena);
        }
    }

    /**
     * Every one of the 65 536 half (and bfloat16) bit patterns, in every lane position, widens to the
     * codec's float: a row holding only that value against a one-hot activation returns it exactly.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F16", "BF16"})
    void everyHalfBitPatternWidensExactly(GgmlType type) {
        int n = 64; // whole vectors of 4, 8 or 16 lanes: no scalar tail
        var row = arena.allocate(2L * n + 1).asSlice(1); // odd address
        var x = new float[n];
        var decoded = new float[1];
        for (int bits = 0; bits < 1 << 16; bits++) {
            int lane = bits % n;
            row.fill((byte) 0);
            row.set(ScalarOps.I16, 2L * lane, (short) bits);
            TensorCodec.of(type).dequantize(row, 2L * lane, decoded, 0, 1);
            x[lane] = 1f;
            float actual = PanamaOps.INSTANCE.dotRow(type, row, 0, x, 0, n);
            x[lane] = 0f;
            if (Float.isNaN(decoded[0]) ? !Float.isNaN(actual) : actual != decoded[0]) {
                throw new AssertionError(type + " bits 0x" + Integer.toHexString(bits) + " in lane " + lane
                        + ": expected " + decoded[0] + " but was " + actual);
            }
        }
    }

    @Test
    void elementWiseKernels() {
        for (int n : floatLengths()) {
            check.axpy(n);
            check.scaleMul(n);
            check.scale(n);
            check.geluTanhMul(n);
        }
    }

    @Test
    void reductions() {
        for (int n : floatLengths()) {
            check.sumOfSquares(n);
            check.max(n);
            check.expShiftSum(n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 1152})
    void softmaxAndRmsNormAgreeWithScalar(int n) {
        var rnd = new Random(n);
        var logits = new float[n];
        var w = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = (float) (rnd.nextGaussian() * 5);
            w[i] = (float) (1 + rnd.nextGaussian() * 0.3);
        }
        var expected = logits.clone();
        var actual = logits.clone();
        ScalarOps.INSTANCE.softmax(expected, 0, n);
        PanamaOps.INSTANCE.softmax(actual, 0, n);
        // exp within 2 ulps, the sum that divides them within 2γ relative
        double relative = 2 * KernelChecks.gamma(n + 2) + 0x1p-21;
        KernelChecks.assertElementsClose("softmax", actual, expected, 0, n, i -> relative * expected[i] + 1e-30);

        var normExpected = new float[n];
        var normActual = new float[n];
        ScalarOps.INSTANCE.rmsNorm(logits, 0, w, 0, normExpected, 0, n, 1e-6f);
        PanamaOps.INSTANCE.rmsNorm(logits, 0, w, 0, normActual, 0, n, 1e-6f);
        // the sum of squares differs by reassociation; the rest is the same float arithmetic
        double normRelative = KernelChecks.gamma(n + 2) + 0x1p-21;
        KernelChecks.assertElementsClose("rmsNorm", normActual, normExpected, 0, n, i -> normRelative * Math.abs(normExpected[i]));
    }

    /** Model files are mapped read-only; vector loads must not need write access. */
    @Test
    void readsWeightsFromAReadOnlySegment() {
        var inputs = new RandomInputs(3);
        var row = inputs.encode(GgmlType.Q4_0, inputs.weights(1152), arena);
        var readOnly = row.segment().asReadOnly();
        var x = inputs.weights(1152);
        var w = row.decoded();
        double abs = 0;
        for (int i = 0; i < 1152; i++) {
            abs += Math.abs((double) w[i] * x[i]);
        }
        KernelChecks.assertReassociated("read-only Q4_0 row", PanamaOps.INSTANCE.dotQ4_0(readOnly, row.offset(), x, 0, 1152),
                ScalarOps.INSTANCE.dotQ4_0(readOnly, row.offset(), x, 0, 1152), abs, 1152);
    }
}
