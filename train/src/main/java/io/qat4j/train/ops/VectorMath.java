package io.qat4j.train.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector-API building blocks for the row-wise parts of the fast kernels (each with a scalar tail). */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private VectorMath() {}

    static float sumOfSquares(float[] x, int off, int n) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var v = FloatVector.fromArray(S, x, off + i);
            acc = v.fma(v, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[off + i] * x[off + i];
        }
        return s;
    }

    /** Σ a[i]·b[i]·c[i]. */
    static float dot3(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int n) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var v = FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
            acc = v.fma(FloatVector.fromArray(S, c, cOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i] * c[cOff + i];
        }
        return s;
    }

    /** Σ a[i]·b[i]. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
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

    /** dst[i] = exp(src[i]·scale − shift); returns Σ dst. */
    static float expScaled(float[] src, int sOff, float scale, float shift, float[] dst, int dOff, int n) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= n; i += L) {
            var e = FloatVector.fromArray(S, src, sOff + i).mul(scale).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(dst, dOff + i);
            acc = acc.add(e);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            var e = FloatVector.fromArray(S, src, sOff + i, m).mul(scale).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(dst, dOff + i, m);
            acc = acc.add(e, m);
        }
        return acc.reduceLanes(VectorOperators.ADD);
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
