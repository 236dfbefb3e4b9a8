package io.qat4j.core.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * roundTrip, QAT's fake quantization, must be exactly dequantize(quantize(x)): what training sees is
 * what ships. Checked over blocks built to hit the awkward cases: zeros of both signs, exact ties,
 * negative maxima, subnormal and huge blocks, infinities and NaNs.
 */
class CodecRoundTripProperties {

    /** Inputs at an arbitrary offset inside a larger array, as real callers pass them. */
    record Input(float[] values, int offset, int count) {
        @Override
        public String toString() {
            var sb = new StringBuilder("offset ").append(offset).append(", ").append(count).append(" values: [");
            for (int i = 0; i < count; i++) {
                sb.append(i == 0 ? "" : ", ").append(values[offset + i]);
            }
            return sb.append(']').toString();
        }
    }

    @Property(tries = 1000)
    void q8_0RoundTripIsDequantizeOfQuantize(@ForAll("blocks") Input in) {
        assertRoundTripConsistent(Q8_0Codec.INSTANCE, in);
        assertQ8CodesInRange(in);
    }

    @Property(tries = 1000)
    void q4_0RoundTripIsDequantizeOfQuantize(@ForAll("blocks") Input in) {
        assertRoundTripConsistent(Q4_0Codec.INSTANCE, in);
        byte[] codes = new byte[32];
        for (int b = 0; b < in.count(); b += 32) {
            Q4_0Codec.quantizeBlock(in.values(), in.offset() + b, codes);
            for (byte c : codes) {
                check(c >= 0 && c <= 15, "a Q4_0 code must fit its nibble, got %d", c);
            }
        }
    }

    @Property(tries = 500)
    void f16RoundTripIsDequantizeOfQuantizeAndCorrectlyRounded(@ForAll("blocks") Input in) {
        assertCorrectlyRounded(F16Codec.INSTANCE, NarrowFloatReference.F16, in);
    }

    @Property(tries = 500)
    void bf16RoundTripIsDequantizeOfQuantizeAndCorrectlyRounded(@ForAll("blocks") Input in) {
        assertCorrectlyRounded(BF16Codec.INSTANCE, NarrowFloatReference.BF16, in);
    }

    private static void assertCorrectlyRounded(TensorCodec codec, NarrowFloatReference ref, Input in) {
        float[] out = assertRoundTripConsistent(codec, in);
        for (int i = 0; i < in.count(); i++) {
            float x = in.values()[in.offset() + i];
            if (!Float.isNaN(x)) {
                double expected = ref.signedValueOf(ref.round(x));
                check(out[i] == expected, "%s of %s gave %s, expected %s", ref.name(), x, out[i], expected);
            }
        }
    }

    /** Compares roundTrip with decoding the encoded bytes, bit for bit (NaNs compared as NaN). */
    private static float[] assertRoundTripConsistent(TensorCodec codec, Input in) {
        float[] viaRoundTrip = new float[in.count() + 5];
        codec.roundTrip(in.values(), in.offset(), in.count(), viaRoundTrip, 5);

        long bytes = codec.type().bytesFor(in.count());
        MemorySegment encoded = MemorySegment.ofArray(new byte[(int) bytes + 7]);
        codec.quantize(in.values(), in.offset(), in.count(), encoded, 7);
        float[] viaBytes = new float[in.count()];
        codec.dequantize(encoded, 7, viaBytes, 0, in.count());

        for (int i = 0; i < in.count(); i++) {
            check(Float.floatToIntBits(viaRoundTrip[5 + i]) == Float.floatToIntBits(viaBytes[i]),
                    "%s element %d: roundTrip %s, dequantize(quantize) %s", codec.type(), i, viaRoundTrip[5 + i], viaBytes[i]);
        }
        return viaBytes;
    }

    private static void assertQ8CodesInRange(Input in) {
        MemorySegment encoded = Q8_0Codec.INSTANCE.quantize(Arrays.copyOfRange(in.values(), in.offset(),
                in.offset() + in.count()));
        for (int b = 0; b < in.count() / 32; b++) {
            boolean finite = true;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                float x = in.values()[in.offset() + 32 * b + j];
                finite &= Float.isFinite(x);
                amax = Math.max(amax, Math.abs(x));
            }
            if (!finite || amax / 127f < 0x1p-126f) {
                continue; // no meaningful codes: the scale is not a normal float
            }
            for (int j = 0; j < 32; j++) {
                int q = encoded.get(ValueLayout.JAVA_BYTE, 34L * b + 2 + j);
                check(q >= -127 && q <= 127, "Q8_0 code %d of block %d is %d", j, b, q);
            }
        }
    }

    /** A plain check: per-element AssertJ chains would dominate the run time of these properties. */
    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(format, args));
        }
    }

    @Provide
    Arbitrary<Input> blocks() {
        Arbitrary<float[]> block = Arbitraries.frequencyOf(
                Tuple.of(4, mixedBlock()),
                Tuple.of(2, scaledBlock()),
                Tuple.of(2, tieBlock()),
                Tuple.of(1, Arbitraries.just(new float[32])),
                Tuple.of(1, singleValueBlock()));
        return Combinators.combine(block.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 40))
                .as((blocks, offset) -> {
                    float[] all = new float[offset + 32 * blocks.size() + 3];
                    for (int b = 0; b < blocks.size(); b++) {
                        System.arraycopy(blocks.get(b), 0, all, offset + 32 * b, 32);
                    }
                    return new Input(all, offset, 32 * blocks.size());
                });
    }

    /** Each element drawn from a mix of ordinary values, zeros, halves, subnormals, huge values and specials. */
    private static Arbitrary<float[]> mixedBlock() {
        Arbitrary<Float> element = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.floats().between(-1f, 1f)),
                Tuple.of(2, Arbitraries.of(0f, -0f)),
                Tuple.of(2, Arbitraries.integers().between(-254, 254).map(i -> i / 2f)),
                Tuple.of(1, Arbitraries.integers().between(1, (1 << 23) - 1).map(Float::intBitsToFloat)),
                Tuple.of(1, Arbitraries.integers().between(1, (1 << 23) - 1).map(i -> -Float.intBitsToFloat(i))),
                Tuple.of(1, Arbitraries.of(Float.MAX_VALUE, -Float.MAX_VALUE, 65504f, -65504f, 65520f, -65520f,
                        1e30f, -1e30f, Float.MIN_NORMAL, -Float.MIN_VALUE, 3.4e38f)),
                Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                        Float.intBitsToFloat(0x7F800001))),
                Tuple.of(1, Arbitraries.integers().map(Float::intBitsToFloat)));
        return element.array(float[].class).ofSize(32);
    }

    /** Ordinary values scaled by 2^k for any k: blocks whose scale is subnormal, tiny, or overflows fp16. */
    private static Arbitrary<float[]> scaledBlock() {
        return Combinators.combine(Arbitraries.floats().between(-1f, 1f).array(float[].class).ofSize(32),
                Arbitraries.integers().between(-160, 130)).as((x, k) -> {
                    float[] out = new float[32];
                    for (int i = 0; i < 32; i++) {
                        out[i] = Math.scalb(x[i], k);
                    }
                    return out;
                });
    }

    /**
     * A block whose extreme is ±127 or ±8 (so the Q8_0 or Q4_0 scale is exactly ±1) and whose other
     * values are halves: every x·id lands exactly on a rounding tie.
     */
    private static Arbitrary<float[]> tieBlock() {
        return Combinators.combine(Arbitraries.integers().between(-15, 15).array(int[].class).ofSize(32),
                Arbitraries.of(127f, -127f, 8f, -8f), Arbitraries.integers().between(0, 31)).as((halves, extreme, at) -> {
                    float[] out = new float[32];
                    float limit = Math.abs(extreme);
                    for (int i = 0; i < 32; i++) {
                        out[i] = Math.max(-limit, Math.min(limit, halves[i] + 0.5f * Math.signum(halves[i])));
                    }
                    out[at] = extreme;
                    return out;
                });
    }

    /** One non-zero value among zeros, at any position, of any magnitude. */
    private static Arbitrary<float[]> singleValueBlock() {
        return Combinators.combine(Arbitraries.integers().map(Float::intBitsToFloat), Arbitraries.integers().between(0, 31))
                .as((v, at) -> {
                    float[] out = new float[32];
                    out[at] = v;
                    return out;
                });
    }
}
