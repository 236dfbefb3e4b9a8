package io.qat4j.core.quant;

/**
 * An independent model of IEEE round-to-nearest-even narrowing from float32 to a smaller binary
 * format (fp16, bfloat16), for checking the codecs. It knows nothing about bit tricks: it lists the
 * format's values in order, finds the two neighbours of the input by binary search and compares with
 * their midpoint. All arithmetic is exact in double: every float, every fp16/bf16 value and every
 * midpoint between two neighbours has a short enough significand.
 */
record NarrowFloatReference(String name, int mantissaBits, int bias, int infinityBits) {
    static final NarrowFloatReference F16 = new NarrowFloatReference("F16", 10, 15, 0x7C00);
    static final NarrowFloatReference BF16 = new NarrowFloatReference("BF16", 7, 127, 0x7F80);

    /**
     * The value of a non-negative bit pattern up to the infinity pattern. The infinity pattern is
     * valued as the power of two just past the largest finite value, which is exactly how IEEE
     * rounding treats overflow (a value at or above max + half an ulp becomes infinity).
     */
    double valueOf(int bits) {
        int exponent = bits >>> mantissaBits;
        int mantissa = bits & ((1 << mantissaBits) - 1);
        if (exponent == 0) {
            return Math.scalb((double) mantissa, 1 - bias - mantissaBits); // subnormal
        }
        return Math.scalb((double) (mantissa | (1 << mantissaBits)), exponent - bias - mantissaBits);
    }

    /** The value of any non-NaN 16-bit pattern, with its sign. */
    double signedValueOf(short bits) {
        double v = (bits & 0x7FFF) == infinityBits ? Double.POSITIVE_INFINITY : valueOf(bits & 0x7FFF);
        return (bits & 0x8000) != 0 ? -v : v;
    }

    boolean isNaN(short bits) {
        return (bits & 0x7FFF) > infinityBits;
    }

    /** The correctly rounded pattern for a non-NaN float. */
    short round(float f) {
        if (Float.isNaN(f)) {
            throw new IllegalArgumentException("NaN has no rounded value");
        }
        int sign = (Float.floatToRawIntBits(f) >>> 31) << 15;
        double a = Math.abs((double) f);
        int lo = 0;
        int hi = infinityBits;
        while (lo < hi) { // the largest pattern whose value is <= a
            int mid = (lo + hi + 1) >>> 1;
            if (valueOf(mid) <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int p = lo;
        if (p < infinityBits && valueOf(p) != a) {
            double midpoint = (valueOf(p) + valueOf(p + 1)) / 2;
            if (a > midpoint || (a == midpoint && (p & 1) == 1)) {
                p++; // nearer to the upper neighbour, or a tie and the lower one is odd
            }
        }
        return (short) (sign | p);
    }
}
