package io.qat4j.train;

import static org.assertj.core.api.Assertions.assertThat;

/** Bit-for-bit array equality that reports the first difference (AssertJ's diff is quadratic on big arrays). */
public final class ArrayAssert {
    private ArrayAssert() {}

    public static void assertSameBits(String what, float[] expected, float[] actual) {
        assertThat(actual.length).as("%s length", what).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " differs first at index " + i + ": expected " + expected[i] + " but was "
                        + actual[i]);
            }
        }
    }
}
