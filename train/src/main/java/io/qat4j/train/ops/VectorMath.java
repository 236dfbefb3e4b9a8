package io.qat4j.train.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding and subtracting it rounds a float to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    private static final float EXP_MAX = 88.37f;
    private static final float EXP_MIN = -87.33f;

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

    /** e^x to about 2 ulp for x in [−87.3, 88.4] (clamped outside: tiny values stay ≥ 1e-38). */
    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector k = x.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = k.mul(-LN2_HI).add(x);
        r = k.mul(-LN2_LO).add(r);
        FloatVector p = r.mul(1f / 720).add(1f / 120);
        p = p.mul(r).add(1f / 24);
        p = p.mul(r).add(1f / 6);
        p = p.mul(r).add(0.5f);
        p = p.mul(r).add(1f);
        p = p.mul(r).add(1f);
        IntVector bits = ((IntVector) k.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    /** tanh(x) = 1 − 2/(e^{2x} + 1); saturates cleanly to ±1. */
    static FloatVector tanh(FloatVector x) {
        FloatVector e = exp(x.mul(2f));
        return FloatVector.broadcast(S, 2f).div(e.add(1f)).neg().add(1f);
    }

    static float sumOfSquares(float[] x, int off, int n, float[] lanes) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var v = FloatVector.fromArray(S, x, off + i);
            acc = v.fma(v, acc);
        }
        if (i < n) {
            var v = FloatVector.fromArray(S, x, off + i, S.indexInRange(i, n));
            acc = v.fma(v, acc);
        }
        return sum(acc, lanes);
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

    /** Σ a[i]·b[i]. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n, float[] lanes) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            acc = FloatVector.fromArray(S, a, aOff + i, m).fma(FloatVector.fromArray(S, b, bOff + i, m), acc);
        }
        return sum(acc, lanes);
    }

    static float max(float[] x, int off, int n) {
        var acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = acc.max(FloatVector.fromArray(S, x, off + i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    /** dst[i] = exp(src[i]·scale − shift) (dst may be null to only sum); returns Σ. */
    static float expScaled(float[] src, int sOff, float scale, float shift, float[] dst, int dOff, int n, float[] lanes) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var e = exp(FloatVector.fromArray(S, src, sOff + i).mul(scale).sub(shift));
            if (dst != null) {
                e.intoArray(dst, dOff + i);
            }
            acc = acc.add(e);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            var e = exp(FloatVector.fromArray(S, src, sOff + i, m).mul(scale).sub(shift));
            if (dst != null) {
                e.intoArray(dst, dOff + i, m);
            }
            acc = acc.add(e, m);
        }
        return sum(acc, lanes);
    }

    /** x[i] *= s. */
    static void scale(float[] x, int off, int n, float s) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, off + i).mul(s).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= s;
        }
    }

    /** out[i] = x[i]·s·g[i]. */
    static void scaleMul(float[] x, int xOff, float s, float[] g, int gOff, float[] out, int oOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(s).mul(FloatVector.fromArray(S, g, gOff + i)).intoArray(out, oOff + i);
        }
        for (; i < n; i++) {
            out[oOff + i] = x[xOff + i] * s * g[gOff + i];
        }
    }

    /** y[i] += a·x[i]. */
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(a).add(FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }
}
