package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/**
 * {@link VectorOps#matmul}: the Vector-API product against the scalar reference, the scalar reference
 * against double precision, and the property the forward pass relies on: a result never depends on how
 * many tokens or which rows one call covers (bit for bit), across the streaming/tiled switch, the
 * column blocks of the tiles, row groups cut short and float rows with a scalar tail.
 */
class MatMulTest {
    private static final VectorOps FAST = PanamaOps.INSTANCE;
    private static final VectorOps REF = ScalarOps.INSTANCE;

    private final RandomInputs in = new RandomInputs(8080);
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    /** A matrix at a random offset with rows padded apart, so offsets and strides are both exercised. */
    record Matrix(GgmlType type, MemorySegment data, long offset, long rowBytes, int rows, int cols, float[] decoded) {}

    Matrix matrix(GgmlType type, int rows, int cols) {
        long rowBytes = type.bytesFor(cols) + in.nextInt(3) * 2L;
        long offset = in.offset();
        var data = arena.allocate(offset + rows * rowBytes, 1);
        var decoded = new float[rows * cols];
        var codec = TensorCodec.of(type);
        for (int r = 0; r < rows; r++) {
            long at = offset + r * rowBytes;
            if (codec.canQuantize()) {
                codec.quantize(in.weights(cols), 0, cols, data, at);
            } else {
                randomSuperBlocks(type, data, at, cols);
            }
            codec.dequantize(data, at, decoded, r * cols, cols);
        }
        return new Matrix(type, data, offset, rowBytes, rows, cols, decoded);
    }

    /** Formats we only read (K-quants): random bytes with small finite fp16 scales at the front of each super-block. */
    private void randomSuperBlocks(GgmlType type, MemorySegment data, long at, int cols) {
        int blocks = cols / type.blockSize();
        for (long i = 0; i < type.bytesFor(cols); i++) {
            data.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at + i, (byte) in.nextInt(256));
        }
        for (int b = 0; b < blocks; b++) {
            long bo = at + (long) b * type.blockBytes();
            data.set(ScalarOps.I16, bo, Float.floatToFloat16((float) in.random().nextDouble() * 1e-3f));
            data.set(ScalarOps.I16, bo + 2, Float.floatToFloat16((float) in.random().nextDouble() * 1e-3f));
        }
    }

    int columns(GgmlType type) {
        int block = type.blockSize();
        return switch (in.nextInt(4)) {
            case 0 -> block * in.nextInt(3); // 0 to 2 blocks
            case 1 -> block * (1 + in.nextInt(700 / block + 1)); // across the 512-column tile blocks
            case 2 -> block == 1 ? 1152 : block * (1152 / block);
            default -> block == 1 ? 1 + in.nextInt(130) : block * (1 + in.nextInt(6));
        };
    }

    static float[] product(VectorOps ops, Matrix m, float[] x, int xOff, int xStride, int tokens, int r0, int r1) {
        var out = new float[tokens * m.rows()];
        ops.matmul(m.type(), m.data(), m.offset(), m.rowBytes(), m.cols(), r0, r1, x, xOff, xStride, tokens, out, 0,
                m.rows(), new MatMulScratch());
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K"})
    void batchedEqualsOneTokenAtATimeAndAnyRowSplit(GgmlType type) {
        for (int trial = 0; trial < 25; trial++) {
            int rows = 1 + in.nextInt(23);
            int cols = columns(type);
            int tokens = 1 + in.nextInt(trial % 3 == 0 ? 3 : 19);
            var m = matrix(type, rows, cols);
            int xOff = in.offset();
            int xStride = cols + in.nextInt(5);
            var x = in.paddedValues(xOff, tokens * xStride);
            String what = type + " " + rows + "x" + cols + ", " + tokens + " tokens";

            var batched = product(FAST, m, x, xOff, xStride, tokens, 0, rows);
            for (int t = 0; t < tokens; t++) {
                var single = product(FAST, m, x, xOff + t * xStride, xStride, 1, 0, rows);
                for (int r = 0; r < rows; r++) {
                    assertThat(Float.floatToRawIntBits(batched[t * rows + r])).as("%s: token %d row %d alone", what, t, r)
                            .isEqualTo(Float.floatToRawIntBits(single[r]));
                    if (type == GgmlType.Q4_0 || type == GgmlType.Q8_0) { // their dot products are the one-row case
                        long at = m.offset() + r * m.rowBytes();
                        assertThat(FAST.dotRow(type, m.data(), at, x, xOff + t * xStride, cols))
                                .as("%s: dotRow of token %d row %d", what, t, r).isEqualTo(batched[t * rows + r]);
                    }
                }
            }
            int split = in.nextInt(rows + 1);
            var top = product(FAST, m, x, xOff, xStride, tokens, 0, split);
            var bottom = product(FAST, m, x, xOff, xStride, tokens, split, rows);
            for (int t = 0; t < tokens; t++) {
                for (int r = 0; r < rows; r++) {
                    float part = r < split ? top[t * rows + r] : bottom[t * rows + r];
                    assertThat(part).as("%s: rows split at %d, token %d row %d", what, split, t, r)
                            .isEqualTo(batched[t * rows + r]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K"})
    void vectorProductMatchesScalarAndScalarMatchesDouble(GgmlType type) {
        for (int trial = 0; trial < 25; trial++) {
            int rows = 1 + in.nextInt(13);
            int cols = columns(type);
            int tokens = 1 + in.nextInt(9);
            var m = matrix(type, rows, cols);
            int xOff = in.offset();
            var x = in.paddedValues(xOff, tokens * cols);
            int r0 = in.nextInt(rows);
            var fast = product(FAST, m, x, xOff, cols, tokens, r0, rows);
            var ref = product(REF, m, x, xOff, cols, tokens, r0, rows);
            for (int t = 0; t < tokens; t++) {
                for (int r = 0; r < rows; r++) {
                    String what = type + " " + rows + "x" + cols + " token " + t + " row " + r;
                    if (r < r0) {
                        assertThat(fast[t * rows + r]).as(what + " is outside the rows asked for").isZero();
                        continue;
                    }
                    double exact = 0;
                    double abs = 0;
                    for (int k = 0; k < cols; k++) {
                        double p = (double) m.decoded()[r * cols + k] * x[xOff + t * cols + k];
                        exact += p;
                        abs += Math.abs(p);
                    }
                    KernelChecks.assertReassociated(what + " (vector vs scalar)", fast[t * rows + r], ref[t * rows + r],
                            abs, cols);
                    KernelChecks.assertReassociated(what + " (scalar vs double)", ref[t * rows + r], (float) exact, abs,
                            cols);
                }
            }
        }
    }
}
