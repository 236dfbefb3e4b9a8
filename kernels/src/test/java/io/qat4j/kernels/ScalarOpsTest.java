package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.qat4j.core.gguf.GgmlType;

/**
 * The scalar reference against double-precision arithmetic on the values the formats define: rows
 * are encoded from random weights by the core codecs and decoded by them, so these tests check the
 * kernels' reading of each format, not the kernels against themselves. A float sum of k terms is
 * within γ_k·Σ|term| of the exact one ({@link KernelChecks}).
 */
class ScalarOpsTest {
    private static final ScalarOps OPS = ScalarOps.INSTANCE;
    private final RandomInputs in = new RandomInputs(5);
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private static void assertWithinFloatSum(String what, float actual, double exact, double sumOfAbsTerms, int k) {
        double tolerance = KernelChecks.gamma(k + 2) * sumOfAbsTerms + 1e-40;
        assertThat((double) actual).as(what).isCloseTo(exact, within(tolerance));
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0"})
    void rowDotsAreExactDotsOfTheDecodedRow(GgmlType type) {
        for (int blocks : new int[] {0, 1, 2, 3, 7, 36, 216}) {
            int n = 32 * blocks + (type.blockSize() == 1 ? in.nextInt(32) : 0);
            var row = in.encode(type, in.weights(n), arena);
            var w = row.decoded();
            int xOff = in.offset();
            var x = in.paddedValues(xOff, n);
            double exact = 0;
            double abs = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) w[i] * x[xOff + i];
                abs += Math.abs((double) w[i] * x[xOff + i]);
            }
            assertWithinFloatSum(type + " n=" + n, OPS.dotRow(type, row.segment(), row.offset(), x, xOff, n), exact, abs, n);
        }
    }

    /** The Q4_0 layout as DESIGN.md states it, independently of the codec: byte j = element j | element j+16 << 4. */
    @Test
    void q4_0NibbleLayout() {
        var block = MemorySegment.ofArray(new byte[18]);
        block.set(ScalarOps.I16, 0, Float.floatToFloat16(0.5f));
        for (int j = 0; j < 16; j++) {
            block.set(ValueLayout.JAVA_BYTE, 2 + j, (byte) (j | (15 - j) << 4)); // element j = j − 8, element j+16 = 7 − j
        }
        for (int k = 0; k < 32; k++) {
            var oneHot = new float[32];
            oneHot[k] = 1f;
            float expected = 0.5f * (k < 16 ? k - 8 : 7 - (k - 16));
            assertThat(OPS.dotQ4_0(block, 0, oneHot, 0, 32)).as("element " + k).isEqualTo(expected);
        }
    }

    /** The Q8_0 layout: fp16 scale, then 32 signed codes in element order. */
    @Test
    void q8_0Layout() {
        var block = MemorySegment.ofArray(new byte[34]);
        block.set(ScalarOps.I16, 0, Float.floatToFloat16(0.25f));
        for (int j = 0; j < 32; j++) {
            block.set(ValueLayout.JAVA_BYTE, 2 + j, (byte) (j % 2 == 0 ? -4 * j : 3 * j));
        }
        for (int k = 0; k < 32; k++) {
            var oneHot = new float[32];
            oneHot[k] = 1f;
            assertThat(OPS.dotQ8_0(block, 0, oneHot, 0, 32)).as("element " + k).isEqualTo(0.25f * (k % 2 == 0 ? -4 * k : 3 * k));
        }
    }

    @Test
    void floatReductions() {
        for (int n : new int[] {0, 1, 5, 64, 1000}) {
            var a = in.values(n);
            var b = in.values(n);
            double dot = 0;
            double absDot = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) a[i] * b[i];
                absDot += Math.abs((double) a[i] * b[i]);
                squares += (double) a[i] * a[i];
            }
            assertWithinFloatSum("dot n=" + n, OPS.dot(a, 0, b, 0, n), dot, absDot, n);
            assertWithinFloatSum("sumOfSquares n=" + n, OPS.sumOfSquares(a, 0, n), squares, squares, n);
        }
    }

    @Test
    void elementWise() {
        int n = 100;
        var x = in.values(n);
        var y = in.values(n);
        var w = in.values(n);
        float a = 0.75f;
        var axpy = y.clone();
        OPS.axpy(a, x, 0, axpy, 0, n);
        var scaled = x.clone();
        OPS.scale(scaled, 0, n, -3f);
        var scaleMul = new float[n];
        OPS.scaleMul(x, 0, 0.5f, w, 0, scaleMul, 0, n);
        for (int i = 0; i < n; i++) {
            double axpyExact = y[i] + (double) a * x[i];
            assertThat((double) axpy[i]).isCloseTo(axpyExact,
                    within(2 * 0x1p-24 * (Math.abs(y[i]) + Math.abs(a * (double) x[i])) + 1e-45));
            assertThat(scaled[i]).isEqualTo(x[i] * -3f);
            double scaleMulExact = 0.5 * x[i] * w[i];
            assertThat((double) scaleMul[i]).isCloseTo(scaleMulExact, within(2 * 0x1p-24 * Math.abs(scaleMulExact) + 1e-45));
        }
    }

    /** tanh-GELU against the same formula in double: within 2e-7·|x| (the cancellation for x < 0 is absolute). */
    @Test
    void geluTanhMatchesTheFormulaInDouble() {
        var rnd = new Random(9);
        for (int i = 0; i < 100_000; i++) {
            double x = (float) (rnd.nextDouble() * 20 - 10);
            double exact = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertThat((double) ScalarOps.geluTanh((float) x)).as("gelu(%s)", x).isCloseTo(exact, within(2e-7 * Math.abs(x) + 1e-45));
        }
        assertThat(ScalarOps.geluTanh(0f)).isZero();
        assertThat(ScalarOps.geluTanh(30f)).isEqualTo(30f);
    }

    @Test
    void maxAndSoftmax() {
        var x = new float[] {-3f, 2.5f, -0f, 2.4f, Float.NEGATIVE_INFINITY};
        assertThat(OPS.max(x, 0, 5)).isEqualTo(2.5f);
        assertThat(OPS.max(x, 2, 1)).isEqualTo(-0f);
        assertThat(OPS.max(x, 0, 0)).isEqualTo(Float.NEGATIVE_INFINITY);

        var logits = new float[] {1f, 2f, 3f, -1f};
        OPS.softmax(logits, 0, 4);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(-1);
        assertThat(logits[0]).isCloseTo((float) (Math.exp(1) / z), within(1e-7f));
        assertThat(logits[2]).isCloseTo((float) (Math.exp(3) / z), within(1e-7f));
        assertThat(logits[3]).isCloseTo((float) (Math.exp(-1) / z), within(1e-7f));
    }

    @Test
    void rmsNorm() {
        var x = new float[] {1f, -2f, 3f, 0.5f};
        var w = new float[] {1f, 0.5f, 2f, -1f};
        var out = new float[4];
        OPS.rmsNorm(x, 0, w, 0, out, 0, 4, 1e-6f);
        double ms = (1 + 4 + 9 + 0.25) / 4;
        for (int i = 0; i < 4; i++) {
            assertThat((double) out[i]).isCloseTo(x[i] / Math.sqrt(ms + 1e-6) * w[i], within(1e-6));
        }
    }
}
