package io.qat4j.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.TensorCodec;

/**
 * Seeded random inputs for kernel tests: ordinary values mixed with the awkward ones (signed zeros,
 * huge and subnormal magnitudes), and encoded weight rows placed at arbitrary (odd) byte offsets in
 * segments sized exactly to the row, so that any read past the row fails.
 */
final class RandomInputs {
    private final Random rnd;

    RandomInputs(long seed) {
        this.rnd = new Random(seed);
    }

    Random random() {
        return rnd;
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    /**
     * A value that is usually Gaussian, sometimes ±0, huge (up to 1e15, so that products of two and
     * sums of thousands of them stay finite), tiny or subnormal.
     */
    float value() {
        return switch (rnd.nextInt(20)) {
            case 0 -> -0f;
            case 1 -> 0f;
            case 2 -> signed((float) Math.pow(10, 3 + 12 * rnd.nextDouble()));
            case 3 -> signed((float) Math.pow(10, -45 + 15 * rnd.nextDouble()));
            case 4, 5 -> (float) (2 * rnd.nextDouble() - 1);
            default -> (float) rnd.nextGaussian();
        };
    }

    float[] values(int n) {
        var v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = value();
        }
        return v;
    }

    /** {@code off} leading values (padding that must stay untouched) followed by n values. */
    float[] paddedValues(int off, int n) {
        return values(off + n);
    }

    /** Integers in [−bound, bound]: sums of their products are exact in float, in any order. */
    float[] smallIntegers(int n, int bound) {
        var v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(2 * bound + 1) - bound;
        }
        return v;
    }

    /** Weights as models have them: N(0, 0.02) with an occasional outlier, and now and then a tiny row. */
    float[] weights(int n) {
        float scale = rnd.nextInt(10) == 0 ? 1e-6f : 0.02f;
        var w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) rnd.nextGaussian() * scale * (rnd.nextInt(100) == 0 ? 20 : 1);
        }
        return w;
    }

    /**
     * 32 activations at {@code x[off..]} of one random magnitude (1e-30 to 1e6), mostly Gaussian; some
     * blocks are all zero, some hold exact halves after scaling (ties for the rounding).
     */
    void activationBlock(float[] x, int off) {
        int kind = rnd.nextInt(10);
        float magnitude = (float) Math.pow(10, -30 + 36 * rnd.nextDouble());
        for (int j = 0; j < 32; j++) {
            x[off + j] = switch (kind) {
                case 0 -> 0f;
                // amax 127 gives the scale 1 exactly: every k + 0.5 is a tie
                case 1 -> j == 0 ? 127f : (rnd.nextInt(253) - 126) + (rnd.nextBoolean() ? 0.5f : 0f);
                default -> (float) rnd.nextGaussian() * magnitude;
            };
        }
    }

    private float signed(float magnitude) {
        return rnd.nextBoolean() ? magnitude : -magnitude;
    }

    /** A small random offset, often odd. */
    int offset() {
        return rnd.nextInt(40);
    }

    /** A weight row in its storage format at a random byte offset of a segment that ends with it. */
    record Row(GgmlType type, MemorySegment segment, long offset, int n) {
        /** The row's values as the format defines them (decoded by the one codec of the format). */
        float[] decoded() {
            var v = new float[n];
            TensorCodec.of(type).dequantize(segment, offset, v, 0, n);
            return v;
        }
    }

    /** Encodes {@code values} with the format's codec. */
    Row encode(GgmlType type, float[] values, Arena arena) {
        var row = emptyRow(type, values.length, arena);
        TensorCodec.of(type).quantize(values, 0, values.length, row.segment(), row.offset());
        return row;
    }

    /** A row of the given length with all bytes zero; {@code arena == null} puts it on the heap. */
    Row emptyRow(GgmlType type, int n, Arena arena) {
        long offset = offset();
        long size = offset + type.bytesFor(n);
        var segment = arena == null
                ? MemorySegment.ofArray(new byte[Math.toIntExact(size)])
                : arena.allocate(size, 1);
        return new Row(type, segment, offset, n);
    }

    /**
     * A 16-bit storage row (F16 or BF16) of uniformly random bit patterns: subnormals, zeros of both
     * signs and, unless {@code finiteOnly}, infinities and NaNs. Finite bf16 rows stay below 2^60 in
     * magnitude so that dot products with {@link #value()}s cannot overflow in one summation order and
     * not in another.
     */
    Row randomBits(GgmlType type, int n, boolean finiteOnly, Arena arena) {
        int exponentMask = type == GgmlType.F16 ? 0x7C00 : 0x7F80;
        int exponentLimit = type == GgmlType.F16 ? 0x7C00 : (127 + 60) << 7;
        var row = emptyRow(type, n, arena);
        for (int i = 0; i < n; i++) {
            int bits;
            do {
                bits = rnd.nextInt(1 << 16);
            } while (finiteOnly && (bits & exponentMask) >= exponentLimit);
            row.segment().set(ScalarOps.I16, row.offset() + 2L * i, (short) bits);
        }
        return row;
    }

    /**
     * A Q8_0 or Q4_0 row written byte by byte with random codes and power-of-two scales in [1/4, 1]:
     * with small-integer activations every product and sum is exact.
     */
    Row exactQuantizedRow(GgmlType type, int n, Arena arena) {
        var row = emptyRow(type, n, arena);
        var seg = row.segment();
        for (int b = 0; b < n / 32; b++) {
            long at = row.offset() + (long) b * type.blockBytes();
            seg.set(ScalarOps.I16, at, Float.floatToFloat16(1f / (1 << rnd.nextInt(3))));
            for (int j = 2; j < type.blockBytes(); j++) {
                int code = type == GgmlType.Q8_0 ? rnd.nextInt(255) - 127 : rnd.nextInt(256);
                seg.set(ValueLayout.JAVA_BYTE, at + j, (byte) code);
            }
        }
        return row;
    }
}
