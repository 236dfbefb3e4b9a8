package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.Q8_0Codec;

/**
 * The int8-activation kernels: the scalar reference against the Q8_0 codec and against double
 * precision, and the Vector-API version against the scalar one (tolerances in {@link KernelChecks}).
 */
class QuantizedDotOpsTest {
    private static final QuantizedDotOps SCALAR = ScalarQuantizedDotOps.INSTANCE;
    private static final QuantizedDotOps PANAMA = PanamaQuantizedDotOps.INSTANCE;

    private final KernelChecks check = new KernelChecks(PanamaOps.INSTANCE, PANAMA, 424242);
    private final RandomInputs in = new RandomInputs(99);
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    /** 0..12 blocks, 15 random counts below 256 blocks, and the Gemma 3 1B widths (36 and 216 blocks). */
    static IntStream blockCounts() {
        return IntStream.concat(IntStream.rangeClosed(0, 12),
                IntStream.concat(new Random(13).ints(15, 13, 256), IntStream.of(36, 216)));
    }

    @ParameterizedTest
    @MethodSource("blockCounts")
    void vectorQuantizerIsBitIdenticalToTheScalarOne(int blocks) {
        check.quantizeActivations(blocks);
    }

    @ParameterizedTest
    @MethodSource("blockCounts")
    void vectorDotsMatchTheScalarOnes(int blocks) {
        for (var type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0}) {
            check.quantizedDot(type, blocks, arena);
            check.quantizedDot(type, blocks, null);
            check.exactQuantizedDot(type, blocks, arena);
        }
    }

    /** C's roundf: halves go away from zero; a float just below one half goes to zero. */
    @Test
    void roundsHalvesAwayFromZero() {
        var x = new float[32];
        x[0] = 127f; // amax 127: scale 1, so x·(1/d) = x
        x[1] = 2.5f;
        x[2] = -2.5f;
        x[3] = 0.5f;
        x[4] = -0.5f;
        x[5] = Math.nextDown(0.5f);
        x[6] = -Math.nextDown(0.5f);
        x[7] = 126.5f;
        x[8] = -0f;
        byte[] expected = {127, 3, -3, 1, -1, 0, 0, 127, 0};
        for (var ops : new QuantizedDotOps[] {SCALAR, PANAMA}) {
            var q = new byte[32];
            var d = new float[1];
            ops.quantizeActivationsQ8_0(x, 0, 32, q, d);
            assertThat(d[0]).as(ops.getClass().getSimpleName()).isEqualTo(1f);
            assertThat(java.util.Arrays.copyOf(q, expected.length)).as(ops.getClass().getSimpleName()).containsExactly(expected);
        }
    }

    /** The scalar quantizer writes what the Q8_0 codec writes for the same values (scale rounded to fp16). */
    @Test
    void scalarQuantizerIsTheCodec() {
        int blocks = 20;
        var x = new float[3 + 32 * blocks];
        for (int b = 0; b < blocks; b++) {
            in.activationBlock(x, 3 + 32 * b);
        }
        var q = new byte[32 * blocks];
        var d = new float[blocks];
        SCALAR.quantizeActivationsQ8_0(x, 3, 32 * blocks, q, d);
        var encoded = arena.allocate(34L * blocks);
        Q8_0Codec.INSTANCE.quantize(x, 3, 32 * blocks, encoded, 0);
        for (int b = 0; b < blocks; b++) {
            assertThat(d[b]).isEqualTo(Float.float16ToFloat(encoded.get(ScalarOps.I16, 34L * b)));
            for (int j = 0; j < 32; j++) {
                assertThat(q[32 * b + j]).isEqualTo(encoded.get(ValueLayout.JAVA_BYTE, 34L * b + 2 + j));
            }
        }
    }

    /** Σ over the decoded weights times the decoded activations (both exact in float), in double. */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0"})
    void scalarDotsAreExactDotsOfTheDecodedValues(GgmlType type) {
        for (int blocks : new int[] {1, 2, 5, 36, 216}) {
            var row = in.encode(type, in.weights(32 * blocks), arena);
            var w = row.decoded();
            int block0 = 2;
            var a = check.quantizedActivations(block0 + blocks);
            double exact = 0;
            double abs = 0;
            for (int i = 0; i < 32 * blocks; i++) {
                double x = (double) a.d()[block0 + i / 32] * a.q()[32 * block0 + i];
                exact += w[i] * x;
                abs += Math.abs(w[i] * x);
            }
            float actual = type == GgmlType.Q4_0
                    ? SCALAR.dotQ4_0xQ8(row.segment(), row.offset(), a.q(), a.d(), block0, blocks)
                    : SCALAR.dotQ8_0xQ8(row.segment(), row.offset(), a.q(), a.d(), block0, blocks);
            double tolerance = KernelChecks.gamma(blocks + 3) * abs + 1e-40;
            assertThat((double) actual).as("%s, %d blocks", type, blocks).isCloseTo(exact, within(tolerance));
        }
    }

    @Test
    void activationsMustBeWholeBlocks() {
        for (var ops : new QuantizedDotOps[] {SCALAR, PANAMA}) {
            assertThatThrownBy(() -> ops.quantizeActivationsQ8_0(new float[40], 0, 40, new byte[40], new float[2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocks of 32").hasMessageContaining("40");
        }
    }
}
