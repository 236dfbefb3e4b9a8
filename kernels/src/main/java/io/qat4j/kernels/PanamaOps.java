package io.qat4j.kernels;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.lang.foreign.MemorySegment;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BF16Codec;

/**
 * The Vector-API kernels, loaded reflectively by {@link KernelSelector} only when
 * {@code jdk.incubator.vector} is present. Each method runs whole vectors of the preferred width,
 * then a plain scalar loop for the tail; {@link ScalarOps} is the reference each one is tested
 * against.
 *
 * <p>Two rules keep these fast and allocation-free:
 * <ul>
 *   <li>No helper method takes or returns a vector. Vector-API methods are always inlined, ours are
 *       not: when a kernel is inlined into a caller whose profile makes the call site look cold, C2
 *       refuses to inline even a 9-byte helper, and every vector crossing that call gets boxed
 *       (measured: 3–20x slower, megabytes of garbage per call).
 *   <li>Reductions rotate several accumulators ({@code acc0 ← v·x + acc3, acc3 ← acc2, …}), so the
 *       loop carries independent fused-multiply-add chains without writing the body out four times.
 * </ul>
 *
 * <p>Reductions differ from the scalar ones only by reassociation and fused multiply-adds;
 * {@link #scaleMul}, {@link #scale} and {@link #max} are bit-identical; {@link #axpy} fuses its
 * multiply-add; exp and tanh are the Vector API's float implementations.
 */
public final class PanamaOps implements VectorOps {
    public static final PanamaOps INSTANCE = new PanamaOps();

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int FL = F.length();
    /** Fixed-order horizontal sums (see {@link LaneFolds}). */
    private static final VectorShuffle<Float>[] FOLDS = LaneFolds.of(F);
    /** 16-bit lanes (fp16 / bf16 bits) that widen to exactly one float vector. */
    private static final VectorSpecies<Short> HALF = VectorSpecies.of(short.class, halfShape(F));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /*
     * fp16 -> fp32 in lanes: the sign-extended 16 bits shifted left by 13 and masked put sign, exponent
     * and mantissa where a float keeps them; multiplying by 2^112 rebiases the exponent (15 -> 127),
     * which also normalises subnormal halves exactly. Only exponent 31 (infinity, NaN) comes out wrong.
     */
    private static final int HALF_SHIFTED_MASK = 0x8FFF_E000;
    private static final int HALF_SHIFTED_EXPONENT = 0x0F80_0000;
    private static final float HALF_EXPONENT_REBIAS = 0x1p112f;

    private PanamaOps() {}

    private static VectorShape halfShape(VectorSpecies<Float> f) {
        if (f.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the Vector API's preferred width on this machine is "
                    + f.vectorBitSize() + " bits; qat4j's vector kernels need at least 128");
        }
        return VectorShape.forBitSize(f.vectorBitSize() / 2);
    }

    // ---- dot products of float rows ------------------------------------------------------------

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        var acc0 = FloatVector.zero(F);
        var acc1 = acc0;
        var acc2 = acc0;
        var acc3 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var next = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc3);
            acc3 = acc2;
            acc2 = acc1;
            acc1 = acc0;
            acc0 = next;
        }
        var folded = acc0.add(acc1).add(acc2.add(acc3));
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float dotF32(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        var acc0 = FloatVector.zero(F);
        var acc1 = acc0;
        var acc2 = acc0;
        var acc3 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var wv = FloatVector.fromMemorySegment(F, w, wOff + 4L * i, LITTLE_ENDIAN);
            var next = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc3);
            acc3 = acc2;
            acc2 = acc1;
            acc1 = acc0;
            acc0 = next;
        }
        var folded = acc0.add(acc1).add(acc2.add(acc3));
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            s += w.get(ScalarOps.F32, wOff + 4L * i) * x[xOff + i];
        }
        return s;
    }

    /**
     * Rows holding an infinity or NaN (a broken model, in practice) are recomputed by the scalar
     * reference: keeping a running maximum of the exponent fields costs less in the loop than fixing
     * those lanes up in every vector.
     */
    @Override
    public float dotF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        var acc0 = FloatVector.zero(F);
        var acc1 = acc0;
        var exponentMax = IntVector.zero(I);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var bits = (IntVector) ShortVector.fromMemorySegment(HALF, w, wOff + 2L * i, LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0);
            var shifted = bits.lanewise(VectorOperators.LSHL, 13).and(HALF_SHIFTED_MASK);
            exponentMax = exponentMax.max(shifted.and(HALF_SHIFTED_EXPONENT));
            var wv = shifted.reinterpretAsFloats().mul(HALF_EXPONENT_REBIAS);
            var next = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc1);
            acc1 = acc0;
            acc0 = next;
        }
        if (exponentMax.reduceLanes(VectorOperators.MAX) == HALF_SHIFTED_EXPONENT) {
            return ScalarOps.INSTANCE.dotF16(w, wOff, x, xOff, n);
        }
        var folded = acc0.add(acc1);
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            s += Float.float16ToFloat(w.get(ScalarOps.I16, wOff + 2L * i)) * x[xOff + i];
        }
        return s;
    }

    /** bf16 is the upper half of a float: the sign-extended bits shifted up by 16 are exact. */
    @Override
    public float dotBF16(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        var acc0 = FloatVector.zero(F);
        var acc1 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var wv = ((IntVector) ShortVector.fromMemorySegment(HALF, w, wOff + 2L * i, LITTLE_ENDIAN)
                    .convertShape(VectorOperators.S2I, I, 0))
                    .lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats();
            var next = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc1);
            acc1 = acc0;
            acc0 = next;
        }
        var folded = acc0.add(acc1);
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            s += BF16Codec.toFloat(w.get(ScalarOps.I16, wOff + 2L * i)) * x[xOff + i];
        }
        return s;
    }

    // ---- dot products of quantized rows --------------------------------------------------------
    //
    // One row is the one-token case of the matrix product, so a dot product here and a batched
    // product give the same bits (see PanamaMatMul for the summation order). The forward pass calls
    // matmul; these allocate their one-float result.

    @Override
    public float dotQ8_0(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        var out = new float[1];
        PanamaMatMul.streamRows(false, w, wOff, 0, 1, n / 32, x, xOff, out, 0);
        return out[0];
    }

    @Override
    public float dotQ4_0(MemorySegment w, long wOff, float[] x, int xOff, int n) {
        var out = new float[1];
        PanamaMatMul.streamRows(true, w, wOff, 0, 1, n / 32, x, xOff, out, 0);
        return out[0];
    }

    @Override
    public void matmul(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1, float[] x,
            int xOff, int xStride, int tokens, float[] out, int outOff, int outStride, MatMulScratch scratch) {
        PanamaMatMul.matmul(type, w, wOff, rowBytes, cols, r0, r1, x, xOff, xStride, tokens, out, outOff, outStride,
                scratch);
    }

    // ---- element-wise and reductions -----------------------------------------------------------

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, xOff + i)
                    .fma(FloatVector.broadcast(F, a), FloatVector.fromArray(F, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public float sumOfSquares(float[] x, int off, int n) {
        var acc0 = FloatVector.zero(F);
        var acc1 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var v = FloatVector.fromArray(F, x, off + i);
            var next = v.fma(v, acc1);
            acc1 = acc0;
            acc0 = next;
        }
        var folded = acc0.add(acc1);
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            s += x[off + i] * x[off + i];
        }
        return s;
    }

    @Override
    public void scaleMul(float[] x, int xOff, float scale, float[] w, int wOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, xOff + i).mul(scale)
                    .mul(FloatVector.fromArray(F, w, wOff + i))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * w[wOff + i];
        }
    }

    /** The formula of {@link ScalarOps#geluTanh}, with our own deterministic tanh. */
    @Override
    public void geluTanhMul(float[] gate, int gOff, float[] up, int uOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var x = FloatVector.fromArray(F, gate, gOff + i);
            var inner = x.mul(x).mul(x).mul(0.044715f).add(x).mul(ScalarOps.SQRT_2_OVER_PI);
            x.mul(0.5f).mul(VectorFunctions.tanh(inner).add(1f))
                    .mul(FloatVector.fromArray(F, up, uOff + i))
                    .intoArray(gate, gOff + i);
        }
        for (; i < n; i++) {
            gate[gOff + i] = ScalarOps.geluTanh(gate[gOff + i]) * up[uOff + i];
        }
    }

    @Override
    public void scale(float[] x, int off, int n, float s) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, off + i).mul(s).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= s;
        }
    }

    @Override
    public float max(float[] x, int off, int n) {
        var acc0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        var acc1 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var next = acc1.max(FloatVector.fromArray(F, x, off + i));
            acc1 = acc0;
            acc0 = next;
        }
        float m = acc0.max(acc1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    @Override
    public float expShiftSum(float[] x, int off, int n, float shift) {
        var acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            var e = FloatVector.fromArray(F, x, off + i).sub(shift);
            e = VectorFunctions.exp(e);
            e.intoArray(x, off + i);
            acc = acc.add(e);
        }
        var folded = acc;
        for (var fold : FOLDS) {
            folded = folded.add(folded.rearrange(fold));
        }
        float s = folded.lane(0);
        for (; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            x[off + i] = e;
            s += e;
        }
        return s;
    }
}
