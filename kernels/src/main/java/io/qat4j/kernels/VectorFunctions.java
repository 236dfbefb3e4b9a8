package io.qat4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementary functions on float vectors, built from IEEE-exact lane operations only (add, mul, fma,
 * shifts), so they give the same bits whether the JIT has compiled the caller or not. Inference
 * kernels and training kernels share them.
 */
public final class VectorFunctions {
    private VectorFunctions() {}

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding then subtracting it rounds a float to the nearest integer. */
    private static final float ROUNDER = 12582912f;

    /**
     * e^x to about 2 ulp, subnormal results included, from exact lane operations only. The Vector
     * API's own EXP/TANH round differently compiled and interpreted, which would make results depend
     * on the JIT's progress. (This helper takes a vector: it is small and always hot, so C2 inlines it.)
     */
    public static FloatVector exp(FloatVector x) {
        x = x.max(-104f).min(89f); // beyond these the result is 0 or +∞ anyway
        FloatVector k = x.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = k.fma(FloatVector.broadcast(x.species(), -LN2_HI), x);
        r = k.fma(FloatVector.broadcast(x.species(), -LN2_LO), r);
        // Taylor series to r⁷ (|r| ≤ ln2/2: truncation below 1e-8 relative), Horner with fused steps.
        FloatVector p = r.fma(FloatVector.broadcast(x.species(), 1f / 5040), FloatVector.broadcast(x.species(), 1f / 720));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1f / 120));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1f / 24));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1f / 6));
        p = p.fma(r, FloatVector.broadcast(x.species(), 0.5f));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1f));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1f));
        // 2^k as two normal powers of two, so results below the normal range round once into subnormals.
        IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
        IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = ki.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** tanh(u) = 1 − 2/(e^{2u} + 1), saturating cleanly to ±1. */
    public static FloatVector tanh(FloatVector u) {
        return FloatVector.broadcast(u.species(), 2f).div(exp(u.mul(2f)).add(1f)).neg().add(1f);
    }
}
