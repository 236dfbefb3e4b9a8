package io.qat4j.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.Test;

/**
 * F16 and BF16 conversions against {@link NarrowFloatReference}: decoding is exact for all 65536
 * patterns, encoding rounds to nearest even for every float near a representable value or a
 * midpoint (exhaustively over the format) and for random floats.
 */
class FloatNarrowingTest {

    private static short f16(float f) {
        MemorySegment out = MemorySegment.ofArray(new byte[2]);
        F16Codec.INSTANCE.quantize(new float[] {f}, 0, 1, out, 0);
        return out.get(TensorCodec.LE_SHORT, 0);
    }

    private static short bf16(float f) {
        MemorySegment out = MemorySegment.ofArray(new byte[2]);
        BF16Codec.INSTANCE.quantize(new float[] {f}, 0, 1, out, 0);
        short viaCodec = out.get(TensorCodec.LE_SHORT, 0);
        assertThat(viaCodec).isEqualTo(BF16Codec.fromFloat(f));
        return viaCodec;
    }

    private static float decode(TensorCodec codec, short bits) {
        MemorySegment in = MemorySegment.ofArray(new byte[2]);
        in.set(TensorCodec.LE_SHORT, 0, bits);
        float[] out = new float[1];
        codec.dequantize(in, 0, out, 0, 1);
        return out[0];
    }

    @Test
    void decodingIsExactForEveryPattern() {
        for (int b = 0; b < 0x10000; b++) {
            short bits = (short) b;
            check(NarrowFloatReference.F16, bits, decode(F16Codec.INSTANCE, bits));
            check(NarrowFloatReference.BF16, bits, decode(BF16Codec.INSTANCE, bits));
            assertThat(Float.floatToRawIntBits(BF16Codec.toFloat(bits)))
                    .isEqualTo(Float.floatToRawIntBits(decode(BF16Codec.INSTANCE, bits)));
        }
    }

    private static void check(NarrowFloatReference ref, short bits, float decoded) {
        if (ref.isNaN(bits)) {
            if (!Float.isNaN(decoded)) {
                throw new AssertionError(ref.name() + " pattern " + Integer.toHexString(bits & 0xFFFF) + " is NaN");
            }
            return;
        }
        double expected = ref.signedValueOf(bits);
        if (Double.compare(decoded, expected) != 0 || (expected == 0 && Math.copySign(1, decoded) != Math.copySign(1, expected))) {
            throw new AssertionError(ref.name() + " pattern " + Integer.toHexString(bits & 0xFFFF) + " decodes to "
                    + decoded + ", expected " + expected);
        }
    }

    /**
     * For every non-negative finite pattern v and its upper neighbour: v itself, the float just
     * above it, the exact midpoint (a tie) and the floats on either side of the midpoint — with both
     * signs. This covers every rounding boundary of the format, including subnormals and overflow.
     */
    @Test
    void encodingRoundsToNearestEvenAtEveryBoundary() {
        int checkedF16 = sweep(NarrowFloatReference.F16, FloatNarrowingTest::f16);
        int checkedBf16 = sweep(NarrowFloatReference.BF16, FloatNarrowingTest::bf16);
        assertThat(checkedF16).isGreaterThan(300_000);
        assertThat(checkedBf16).isGreaterThan(300_000);
    }

    private interface Encoder {
        short encode(float f);
    }

    private static int sweep(NarrowFloatReference ref, Encoder encoder) {
        int checked = 0;
        for (int p = 0; p < ref.infinityBits(); p++) {
            double v = ref.valueOf(p);
            double midpoint = (v + ref.valueOf(p + 1)) / 2;
            float mid = (float) midpoint;
            if (mid != midpoint) {
                continue; // a midpoint below the float range (bf16 subnormals) cannot be an input
            }
            float[] probes = {(float) v, Math.nextUp((float) v), Math.nextDown(mid), mid, Math.nextUp(mid)};
            for (float probe : probes) {
                for (float f : new float[] {probe, -probe}) {
                    short expected = ref.round(f);
                    short actual = encoder.encode(f);
                    if (expected != actual) {
                        throw new AssertionError(ref.name() + " of " + f + " (bits " + Integer.toHexString(
                                Float.floatToRawIntBits(f)) + "): expected " + Integer.toHexString(expected & 0xFFFF)
                                + ", got " + Integer.toHexString(actual & 0xFFFF));
                    }
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void namedEdgeCases() {
        var f16 = NarrowFloatReference.F16;
        assertThat(f16(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(f16(65519.996f)).isEqualTo((short) 0x7BFF);
        assertThat(f16(65520f)).as("max + half ulp ties to the even infinity").isEqualTo((short) 0x7C00);
        assertThat(f16(Float.MAX_VALUE)).isEqualTo((short) 0x7C00);
        assertThat(f16(-Float.MAX_VALUE)).isEqualTo((short) 0xFC00);
        assertThat(f16(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(f16(0x1p-25f)).as("half the smallest subnormal ties to zero").isEqualTo((short) 0x0000);
        assertThat(f16(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
        assertThat(f16(0x1.8p-24f)).as("1.5 subnormal ulps tie up to 2").isEqualTo((short) 0x0002);
        assertThat(f16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(f16(1f + 0x1p-11f)).as("tie between 1 and 1+2^-10 goes to even 1").isEqualTo((short) 0x3C00);
        assertThat(f16(1f + 0x3p-11f)).as("tie goes up to even").isEqualTo((short) 0x3C02);
        assertThat(bf16(1f + 0x1p-8f)).isEqualTo((short) 0x3F80);
        assertThat(bf16(1f + 0x3p-8f)).isEqualTo((short) 0x3F82);
        assertThat(bf16(Float.MAX_VALUE)).as("rounds past the largest bf16").isEqualTo((short) 0x7F80);
        assertThat(bf16(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFF80);
        assertThat(bf16(Float.MIN_VALUE)).isEqualTo((short) 0);
        assertThat(f16.round(65520f)).isEqualTo((short) 0x7C00); // the reference agrees on the named cases
    }

    @Test
    void nansStayNaNsWithTheirSign() {
        for (int bits : new int[] {0x7FC00000, 0x7F800001, 0x7F80FFFF, 0xFF800001, 0x7FFFFFFF, 0xFFC00000}) {
            float nan = Float.intBitsToFloat(bits);
            short b = bf16(nan);
            assertThat(NarrowFloatReference.BF16.isNaN(b)).as("bf16 of %x", bits).isTrue();
            assertThat(b < 0).isEqualTo(bits < 0);
            short h = f16(nan);
            assertThat(NarrowFloatReference.F16.isNaN(h)).as("f16 of %x", bits).isTrue();
        }
    }

    @Property(tries = 20000)
    void randomFloatsRoundToNearestEven(@ForAll int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            return;
        }
        assertThat(f16(f)).isEqualTo(NarrowFloatReference.F16.round(f));
        assertThat(bf16(f)).isEqualTo(NarrowFloatReference.BF16.round(f));
    }

    /** Floats in the fp16 range, where the interesting rounding happens. */
    @Property(tries = 20000)
    void randomFloatsInTheHalfRangeRoundToNearestEven(@ForAll @IntRange(min = 0x3000_0000, max = 0x4780_0000) int bits,
            @ForAll boolean negative) {
        float f = Float.intBitsToFloat(bits) * (negative ? -1 : 1);
        assertThat(f16(f)).isEqualTo(NarrowFloatReference.F16.round(f));
        assertThat(bf16(f)).isEqualTo(NarrowFloatReference.BF16.round(f));
    }

}
