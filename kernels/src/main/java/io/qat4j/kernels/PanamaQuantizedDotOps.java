package io.qat4j.kernels;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.lang.foreign.MemorySegment;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API {@link QuantizedDotOps}, chosen by {@link KernelSelector} like {@link PanamaOps} and
 * written under the same rules (no vector-typed helper methods, scalar reference in tests).
 *
 * <p>The Vector API has no byte dot-product instruction, so codes are widened to shorts, multiplied
 * there (a product of two int8 codes always fits in 16 bits), widened to ints and summed; each
 * block's int lanes are converted to float and scaled into the accumulator with one fused
 * multiply-add. Int lane sums are exact, so the result differs from the scalar one only in how the
 * scaled block sums are rounded and added.
 */
public final class PanamaQuantizedDotOps implements QuantizedDotOps {
    public static final PanamaQuantizedDotOps INSTANCE = new PanamaQuantizedDotOps();

    /** Float and int lanes: the preferred width, capped at 16 lanes so a block is whole vectors. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() <= 16
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;
    /** Fixed-order horizontal sums (see {@link LaneFolds}). */
    private static final VectorShuffle<Float>[] FOLDS = LaneFolds.of(F);
    private static final int L = F.length();
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** Q8_0 × Q8: chunks of 2·L codes, widened to 2·L shorts whose products widen to two int vectors. */
    private static final int Q8_CHUNK = 2 * L;
    private static final VectorSpecies<Byte> Q8_BYTES = bytes(Q8_CHUNK);
    private static final VectorSpecies<Short> Q8_SHORTS = shorts(Q8_CHUNK);

    /** Q4_0 × Q8: chunks of up to 16 packed bytes (both nibbles), widened to shorts, then to 1 or 2 int vectors. */
    private static final int Q4_CHUNK = Math.min(16, 2 * L);
    private static final int Q4_PARTS = Q4_CHUNK / L;
    private static final VectorSpecies<Byte> Q4_BYTES = bytes(Q4_CHUNK);
    private static final VectorSpecies<Short> Q4_SHORTS = shorts(Q4_CHUNK);

    /** Codes of L lanes narrowed to bytes; a byte vector is at least 64 bits, so 4 lanes store under a mask. */
    private static final VectorSpecies<Byte> CODE_BYTES = bytes(Math.max(8, L));
    private static final VectorMask<Byte> CODE_LANES = CODE_BYTES.indexInRange(0, L);

    private PanamaQuantizedDotOps() {}

    private static VectorSpecies<Byte> bytes(int lanes) {
        return VectorSpecies.of(byte.class, VectorShape.forBitSize(lanes * Byte.SIZE));
    }

    private static VectorSpecies<Short> shorts(int lanes) {
        return VectorSpecies.of(short.class, VectorShape.forBitSize(lanes * Short.SIZE));
    }

    /**
     * Bit-identical to the scalar quantizer: the same float amax, scale and x·(1/d) products, and
     * C's roundf done exactly in lanes: truncate, then step away from zero when the (exactly
     * computed) fraction is at least one half.
     */
    @Override
    public void quantizeActivationsQ8_0(float[] x, int off, int n, byte[] q, float[] d) {
        QuantizedDotOps.checkWholeBlocks(n);
        for (int b = 0; b < n / BLOCK; b++) {
            int xo = off + BLOCK * b;
            var amaxLanes = FloatVector.zero(F);
            for (int c = 0; c < BLOCK; c += L) {
                amaxLanes = amaxLanes.max(FloatVector.fromArray(F, x, xo + c).abs());
            }
            float scale = amaxLanes.reduceLanes(VectorOperators.MAX) / 127f;
            float inverse = scale != 0f ? 1f / scale : 0f;
            for (int c = 0; c < BLOCK; c += L) {
                var v = FloatVector.fromArray(F, x, xo + c).mul(inverse);
                var truncated = (IntVector) v.convert(VectorOperators.F2I, 0);
                var fraction = v.sub((FloatVector) truncated.convert(VectorOperators.I2F, 0));
                var rounded = truncated
                        .add(1, fraction.compare(VectorOperators.GE, 0.5f).cast(I))
                        .sub(1, fraction.compare(VectorOperators.LE, -0.5f).cast(I));
                var codes = (ByteVector) rounded.convertShape(VectorOperators.I2B, CODE_BYTES, 0);
                if (L >= 8) {
                    codes.intoArray(q, BLOCK * b + c);
                } else {
                    codes.intoArray(q, BLOCK * b + c, CODE_LANES);
                }
            }
            d[b] = Float.float16ToFloat(Float.floatToFloat16(scale));
        }
    }

    @Override
    public float dotQ4_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks) {
        var acc = FloatVector.zero(F);
        for (int b = 0; b < nBlocks; b++) {
            long at = wOff + 18L * b;
            int qo = BLOCK * (block0 + b);
            var sum = IntVector.zero(I);
            for (int c = 0; c < 16; c += Q4_CHUNK) {
                var packed = (ShortVector) ByteVector.fromMemorySegment(Q4_BYTES, w, at + 2 + c, LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2S, Q4_SHORTS, 0);
                var low = packed.and((short) 0x0F).sub((short) 8);
                var high = packed.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
                var xLow = (ShortVector) ByteVector.fromArray(Q4_BYTES, q, qo + c)
                        .convertShape(VectorOperators.B2S, Q4_SHORTS, 0);
                var xHigh = (ShortVector) ByteVector.fromArray(Q4_BYTES, q, qo + 16 + c)
                        .convertShape(VectorOperators.B2S, Q4_SHORTS, 0);
                var products = low.mul(xLow).add(high.mul(xHigh)); // |·| ≤ 2·8·128: fits in a short
                sum = sum.add((IntVector) products.convertShape(VectorOperators.S2I, I, 0));
                if (Q4_PARTS == 2) {
                    sum = sum.add((IntVector) products.convertShape(VectorOperators.S2I, I, 1));
                }
            }
            float scale = Float.float16ToFloat(w.get(ScalarOps.I16, at)) * d[block0 + b];
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), acc);
        }
        for (var fold : FOLDS) {
            acc = acc.add(acc.rearrange(fold));
        }
        return acc.lane(0);
    }

    @Override
    public float dotQ8_0xQ8(MemorySegment w, long wOff, byte[] q, float[] d, int block0, int nBlocks) {
        var acc = FloatVector.zero(F);
        for (int b = 0; b < nBlocks; b++) {
            long at = wOff + 34L * b;
            int qo = BLOCK * (block0 + b);
            var sum = IntVector.zero(I);
            for (int c = 0; c < BLOCK; c += Q8_CHUNK) {
                var wCodes = (ShortVector) ByteVector.fromMemorySegment(Q8_BYTES, w, at + 2 + c, LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2S, Q8_SHORTS, 0);
                var xCodes = (ShortVector) ByteVector.fromArray(Q8_BYTES, q, qo + c)
                        .convertShape(VectorOperators.B2S, Q8_SHORTS, 0);
                var products = wCodes.mul(xCodes);
                sum = sum.add((IntVector) products.convertShape(VectorOperators.S2I, I, 0))
                        .add((IntVector) products.convertShape(VectorOperators.S2I, I, 1));
            }
            float scale = Float.float16ToFloat(w.get(ScalarOps.I16, at)) * d[block0 + b];
            acc = ((FloatVector) sum.convert(VectorOperators.I2F, 0)).fma(FloatVector.broadcast(F, scale), acc);
        }
        for (var fold : FOLDS) {
            acc = acc.add(acc.rearrange(fold));
        }
        return acc.lane(0);
    }
}
