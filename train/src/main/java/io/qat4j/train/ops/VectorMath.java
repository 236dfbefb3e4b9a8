package io.qat4j.train.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import io.qat4j.kernels.VectorFunctions;

/**
 * Vector-API building blocks for the row-wise parts of the fast kernels.
 *
 * <p>Everything here is built from IEEE-exact lane operations (add, mul, fma, div, max, integer
 * shifts) so it gives the same bits whether the JIT has compiled it or not: horizontal sums go
 * through a caller-owned lane buffer in lane order, and exp/tanh are our own polynomials rather than
 * the library's, whose compiled and interpreted versions may round differently. That is what lets a
 * resumed run repeat an uninterrupted one bit for bit.
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private VectorMath() {}

    /** Lanes added in lane order (the same order compiled or interpreted). */
    static float sum(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += lanes[i];
        }
        return s;
    }

    /** Σ a[i]·b[i]·c[i]. */
    static float dot3(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int n, float[] lanes) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var v = FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
            acc = v.fma(FloatVector.fromArray(S, c, cOff + i), acc);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            var v = FloatVector.fromArray(S, a, aOff + i, m).mul(FloatVector.fromArray(S, b, bOff + i, m));
            acc = v.fma(FloatVector.fromArray(S, c, cOff + i, m), acc);
        }
        return sum(acc, lanes);
    }

    /** dst[i] = exp(src[i]·scale − shift) (dst may be null to only sum); returns Σ. */
    static float expScaled(float[] src, int sOff, float scale, float shift, float[] dst, int dOff, int n, float[] lanes) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var e = VectorFunctions.exp(FloatVector.fromArray(S, src, sOff + i).mul(scale).sub(shift));
            if (dst != null) {
                e.intoArray(dst, dOff + i);
            }
            acc = acc.add(e);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            var e = VectorFunctions.exp(FloatVector.fromArray(S, src, sOff + i, m).mul(scale).sub(shift));
            if (dst != null) {
                e.intoArray(dst, dOff + i, m);
            }
            acc = acc.add(e, m);
        }
        return sum(acc, lanes);
    }
}
