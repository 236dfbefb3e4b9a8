package io.qat4j.kernels;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BF16Codec;
import io.qat4j.core.quant.TensorCodec;

/**
 * The Vector-API {@link VectorOps#matmul}: weight rows times a panel of token activations, in one
 * summation order whichever path computes it, so a batch of tokens gives the same bits as one token at
 * a time.
 *
 * <h2>The order</h2>
 * Every weight is first made exact in float32 (a Q4_0 or Q8_0 value d·q needs at most 19 significant
 * bits). Each (row, token) pair then has one accumulator of {@code L} lanes: lane j sums w[k]·x[k] for
 * k ≡ j (mod L) in increasing k, one fused multiply-add per step, starting from +0. The lanes are
 * folded in a fixed order ({@link LaneFolds}), and the last {@code cols mod L} products (float formats
 * only; quantized rows are whole blocks) are added one by one.
 *
 * <h2>Two paths in that order</h2>
 * <ul>
 *   <li><b>Streaming</b> (few tokens, Q4_0/Q8_0): the decode step, one pass over the mapped weights.
 *       Codes are widened and scaled to exact floats in registers and consumed at once, row by row.
 *       With a few tokens, groups of four rows are re-read from L1 for each token: memory traffic
 *       stays one pass. On a Zen 4 core this runs at about 7 GB/s of Q4_0, below the memory's
 *       15-22 GB/s: one-thread decode is bound by these instructions, not by bandwidth.
 *   <li><b>Tiled</b> (many tokens, and every other format): a group of four rows is dequantized into a
 *       float tile of up to {@value #KC} columns once, then a 4-row × 4-token register tile runs over it
 *       (16 accumulators; per step 4 weight and 4 activation loads feed 16 fused multiply-adds), so
 *       each weight block is decoded once per pass however many tokens there are. Partial sums wait
 *       in the scratch between column blocks. Measured: about 72 GFLOP/s per Zen 4 core at 128
 *       tokens, near the float32 FMA peak (16 per cycle).
 * </ul>
 *
 * <p>As in {@link PanamaOps}, no helper takes or returns a vector.
 */
final class PanamaMatMul {
    /** Float lanes: the preferred width, capped at 16 so that a 32-value block is whole vectors. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() <= 16
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;
    static final int L = F.length();
    private static final VectorShuffle<Float>[] FOLDS = LaneFolds.of(F);
    /** Codes are loaded as byte vectors of at least 64 bits and widened in PARTS slices of L lanes. */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    private static final int BL = B.length();
    private static final int PARTS = BL / L;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** Rows of a register tile, and tokens of one. */
    static final int ROWS = 4;
    static final int TOKENS = 4;
    /** Columns of a dequantized tile: 4 rows of it (8 KiB) stay in L1 while every token group uses them. */
    static final int KC = 512;
    /** Below this many tokens, Q4_0 and Q8_0 rows are read straight from the mapping. */
    static final int STREAM_BELOW = 4;

    private PanamaMatMul() {}

    static void matmul(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1,
            float[] x, int xOff, int xStride, int tokens, float[] out, int outOff, int outStride, MatMulScratch scratch) {
        if (r1 <= r0 || tokens <= 0) {
            return;
        }
        boolean streamable = (type == GgmlType.Q4_0 || type == GgmlType.Q8_0) && cols % 32 == 0;
        if (streamable && tokens < STREAM_BELOW) {
            stream(type, w, wOff, rowBytes, cols, r0, r1, x, xOff, xStride, tokens, out, outOff, outStride);
        } else {
            tiled(type, w, wOff, rowBytes, cols, r0, r1, x, xOff, xStride, tokens, out, outOff, outStride, scratch);
        }
    }

    // ---- streaming -----------------------------------------------------------------------------

    private static void stream(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1,
            float[] x, int xOff, int xStride, int tokens, float[] out, int outOff, int outStride) {
        int blocks = cols / 32;
        for (int r = r0; r < r1; r += ROWS) {
            int rows = Math.min(ROWS, r1 - r);
            long at = wOff + r * rowBytes;
            for (int t = 0; t < tokens; t++) {
                int o = outOff + t * outStride + r;
                int xo = xOff + t * xStride;
                streamRows(type == GgmlType.Q4_0, w, at, rowBytes, rows, blocks, x, xo, out, o);
            }
        }
    }

    /**
     * out[o + i] = row i · x[xo..] for i < rows: Q4_0 rows when {@code q4}, else Q8_0, rowBytes apart from
     * byte at. One row at a time, one accumulator: measured twice as fast as four rows interleaved
     * with four accumulators (6.2 against 12.4 ms for 65536 × 1152 Q4_0 on one Zen 4 core), whose
     * extra address streams and live registers cost more than the latency they hide. Each format has
     * its own method so that each is compiled with its own profile.
     */
    static void streamRows(boolean q4, MemorySegment w, long at, long rowBytes, int rows, int blocks, float[] x, int xo,
            float[] out, int o) {
        for (int i = 0; i < rows; i++) {
            out[o + i] = q4 ? q4_0Row(w, at + i * rowBytes, blocks, x, xo) : q8_0Row(w, at + i * rowBytes, blocks, x, xo);
        }
    }

    private static float q4_0Row(MemorySegment w, long row, int blocks, float[] x, int xo) {
        var acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            // Byte j holds element j (low nibble) and j+16 (high), the value d·(q − 8): widened to
            // int lanes, converted, and made d·q − 8d by one fused multiply-add (exact, the result
            // being representable). Measured faster than shifting and converting bytes.
            long bo = row + 18L * b;
            int xb = xo + 32 * b;
            float d = Float.float16ToFloat(w.get(ScalarOps.I16, bo));
            var scale = FloatVector.broadcast(F, d);
            var offset = FloatVector.broadcast(F, -8f * d);
            for (int c = 0; c < 16; c += BL) {
                var packed = ByteVector.fromMemorySegment(B, w, bo + 2 + c, LITTLE_ENDIAN);
                for (int p = 0; p < PARTS; p++) {
                    var q = (IntVector) packed.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, p);
                    acc = ((FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0)).fma(scale, offset)
                            .fma(FloatVector.fromArray(F, x, xb + c + p * L), acc);
                }
            }
            for (int c = 0; c < 16; c += BL) {
                var packed = ByteVector.fromMemorySegment(B, w, bo + 2 + c, LITTLE_ENDIAN);
                for (int p = 0; p < PARTS; p++) {
                    var q = (IntVector) packed.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, p);
                    acc = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                            .fma(scale, offset).fma(FloatVector.fromArray(F, x, xb + 16 + c + p * L), acc);
                }
            }
        }
        for (var f : FOLDS) {
            acc = acc.add(acc.rearrange(f));
        }
        return acc.lane(0);
    }

    private static float q8_0Row(MemorySegment w, long row, int blocks, float[] x, int xo) {
        var acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long bo = row + 34L * b;
            int xb = xo + 32 * b;
            var scale = FloatVector.broadcast(F, Float.float16ToFloat(w.get(ScalarOps.I16, bo)));
            for (int c = 0; c < 32; c += BL) {
                var codes = ByteVector.fromMemorySegment(B, w, bo + 2 + c, LITTLE_ENDIAN);
                for (int p = 0; p < PARTS; p++) {
                    acc = ((FloatVector) codes.convertShape(VectorOperators.B2F, F, p)).mul(scale)
                            .fma(FloatVector.fromArray(F, x, xb + c + p * L), acc);
                }
            }
        }
        for (var f : FOLDS) {
            acc = acc.add(acc.rearrange(f));
        }
        return acc.lane(0);
    }

    // ---- tiled ---------------------------------------------------------------------------------

    private static void tiled(GgmlType type, MemorySegment w, long wOff, long rowBytes, int cols, int r0, int r1,
            float[] x, int xOff, int xStride, int tokens, float[] out, int outOff, int outStride, MatMulScratch scratch) {
        int kc = Math.max(L, blockable(type) ? Math.min(KC, roundUp(cols, L)) : cols);
        int vecCols = cols - cols % L;
        int lastK0 = cols == 0 ? 0 : (cols - 1) / kc * kc;
        float[] tile = scratch.tile(ROWS * kc);
        float[] part = scratch.partials(ROWS * tokens * L);
        int rowStride = tokens * L; // partials of (row i, token t) at (i·tokens + t)·L
        for (int r = r0; r < r1; r += ROWS) {
            int rows = Math.min(ROWS, r1 - r);
            long rowAt = wOff + r * rowBytes;
            for (int k0 = 0; k0 < Math.max(cols, 1); k0 += kc) {
                int k1 = Math.min(cols, k0 + kc);
                dequantize(type, w, rowAt, rowBytes, rows, k0, k1, tile, kc);
                int len = Math.max(0, Math.min(k1, vecCols) - k0);
                if (k0 == 0) {
                    Arrays.fill(part, 0, rows * rowStride, 0f); // +0: the start of every sum
                } else if (len == 0) {
                    continue;
                }
                int t = 0;
                if (rows == ROWS) {
                    for (; t + TOKENS <= tokens; t += TOKENS) {
                        tile4x4(tile, kc, len, x, xOff + t * xStride + k0, xStride, part, t * L, rowStride);
                    }
                    for (; t < tokens; t++) {
                        tile4x1(tile, kc, len, x, xOff + t * xStride + k0, part, t * L, rowStride);
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        for (t = 0; t < tokens; t++) {
                            tile1x1(tile, i * kc, len, x, xOff + t * xStride + k0, part, i * rowStride + t * L);
                        }
                    }
                }
            }
            // The tile still holds the last column block, where the scalar tail lives.
            for (int i = 0; i < rows; i++) {
                for (int t = 0; t < tokens; t++) {
                    var v = FloatVector.fromArray(F, part, i * rowStride + t * L);
                    for (var f : FOLDS) {
                        v = v.add(v.rearrange(f));
                    }
                    float s = v.lane(0);
                    int xo = xOff + t * xStride;
                    for (int k = vecCols; k < cols; k++) {
                        s += tile[i * kc + k - lastK0] * x[xo + k];
                    }
                    out[outOff + t * outStride + r + i] = s;
                }
            }
        }
    }

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /** Formats whose rows can be dequantized from any multiple of 32 columns (the others: whole rows). */
    private static boolean blockable(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0 -> true;
            default -> false;
        };
    }

    /** Exact float32 values of columns [k0, k1) of `rows` rows into tile[i·ld + (k − k0)]. */
    static void dequantize(GgmlType type, MemorySegment w, long rowAt, long rowBytes, int rows, int k0, int k1,
            float[] tile, int ld) {
        int n = k1 - k0;
        for (int i = 0; i < rows; i++) {
            long at = rowAt + i * rowBytes;
            int to = i * ld;
            switch (type) {
                case Q4_0 -> {
                    long bo = at + 18L * (k0 / 32);
                    for (int b = 0; b < n / 32; b++) {
                        dequantizeQ4_0Block(w, bo + 18L * b, tile, to + 32 * b);
                    }
                }
                case Q8_0 -> {
                    long bo = at + 34L * (k0 / 32);
                    for (int b = 0; b < n / 32; b++) {
                        dequantizeQ8_0Block(w, bo + 34L * b, tile, to + 32 * b);
                    }
                }
                case F32 -> MemorySegment.copy(w, ScalarOps.F32, at + 4L * k0, tile, to, n);
                case F16 -> {
                    for (int k = 0; k < n; k++) {
                        tile[to + k] = Float.float16ToFloat(w.get(ScalarOps.I16, at + 2L * (k0 + k)));
                    }
                }
                case BF16 -> {
                    for (int k = 0; k < n; k++) {
                        tile[to + k] = BF16Codec.toFloat(w.get(ScalarOps.I16, at + 2L * (k0 + k)));
                    }
                }
                default -> TensorCodec.of(type).dequantize(w, at, tile, to, n); // whole rows (k0 = 0)
            }
        }
    }

    /** The values {@link #streamRows} multiplies for Q4_0, computed the same way. */
    private static void dequantizeQ4_0Block(MemorySegment w, long at, float[] tile, int to) {
        float d = Float.float16ToFloat(w.get(ScalarOps.I16, at));
        var scale = FloatVector.broadcast(F, d);
        var offset = FloatVector.broadcast(F, -8f * d);
        for (int c = 0; c < 16; c += BL) {
            var packed = ByteVector.fromMemorySegment(B, w, at + 2 + c, LITTLE_ENDIAN);
            for (int p = 0; p < PARTS; p++) {
                var q = (IntVector) packed.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, p);
                ((FloatVector) q.and(0x0F).convert(VectorOperators.I2F, 0)).fma(scale, offset)
                        .intoArray(tile, to + c + p * L);
                ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(scale, offset)
                        .intoArray(tile, to + 16 + c + p * L);
            }
        }
    }

    /** The values {@link #streamRows} multiplies for Q8_0, computed the same way. */
    private static void dequantizeQ8_0Block(MemorySegment w, long at, float[] tile, int to) {
        var scale = FloatVector.broadcast(F, Float.float16ToFloat(w.get(ScalarOps.I16, at)));
        for (int c = 0; c < 32; c += BL) {
            var codes = ByteVector.fromMemorySegment(B, w, at + 2 + c, LITTLE_ENDIAN);
            for (int p = 0; p < PARTS; p++) {
                ((FloatVector) codes.convertShape(VectorOperators.B2F, F, p)).mul(scale).intoArray(tile, to + c + p * L);
            }
        }
    }

    /**
     * Rows 0..3 of the tile (stride ld) × tokens at x[xo + j·xs], j = 0..3, over len columns; partials
     * of (row i, token j) at part[po + i·ps + j·L].
     */
    private static void tile4x4(float[] w, int ld, int len, float[] x, int xo, int xs, float[] part, int po, int ps) {
        int p0 = po;
        int p1 = po + ps;
        int p2 = po + 2 * ps;
        int p3 = po + 3 * ps;
        FloatVector a00 = FloatVector.fromArray(F, part, p0), a01 = FloatVector.fromArray(F, part, p0 + L), a02 = FloatVector.fromArray(F, part, p0 + 2 * L),
                a03 = FloatVector.fromArray(F, part, p0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(F, part, p1), a11 = FloatVector.fromArray(F, part, p1 + L), a12 = FloatVector.fromArray(F, part, p1 + 2 * L),
                a13 = FloatVector.fromArray(F, part, p1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(F, part, p2), a21 = FloatVector.fromArray(F, part, p2 + L), a22 = FloatVector.fromArray(F, part, p2 + 2 * L),
                a23 = FloatVector.fromArray(F, part, p2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(F, part, p3), a31 = FloatVector.fromArray(F, part, p3 + L), a32 = FloatVector.fromArray(F, part, p3 + 2 * L),
                a33 = FloatVector.fromArray(F, part, p3 + 3 * L);
        int x1 = xo + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        for (int k = 0; k < len; k += L) {
            var v0 = FloatVector.fromArray(F, x, xo + k);
            var v1 = FloatVector.fromArray(F, x, x1 + k);
            var v2 = FloatVector.fromArray(F, x, x2 + k);
            var v3 = FloatVector.fromArray(F, x, x3 + k);
            var wv = FloatVector.fromArray(F, w, k);
            a00 = wv.fma(v0, a00); a01 = wv.fma(v1, a01); a02 = wv.fma(v2, a02); a03 = wv.fma(v3, a03);
            wv = FloatVector.fromArray(F, w, ld + k);
            a10 = wv.fma(v0, a10); a11 = wv.fma(v1, a11); a12 = wv.fma(v2, a12); a13 = wv.fma(v3, a13);
            wv = FloatVector.fromArray(F, w, 2 * ld + k);
            a20 = wv.fma(v0, a20); a21 = wv.fma(v1, a21); a22 = wv.fma(v2, a22); a23 = wv.fma(v3, a23);
            wv = FloatVector.fromArray(F, w, 3 * ld + k);
            a30 = wv.fma(v0, a30); a31 = wv.fma(v1, a31); a32 = wv.fma(v2, a32); a33 = wv.fma(v3, a33);
        }
        a00.intoArray(part, p0); a01.intoArray(part, p0 + L); a02.intoArray(part, p0 + 2 * L); a03.intoArray(part, p0 + 3 * L);
        a10.intoArray(part, p1); a11.intoArray(part, p1 + L); a12.intoArray(part, p1 + 2 * L); a13.intoArray(part, p1 + 3 * L);
        a20.intoArray(part, p2); a21.intoArray(part, p2 + L); a22.intoArray(part, p2 + 2 * L); a23.intoArray(part, p2 + 3 * L);
        a30.intoArray(part, p3); a31.intoArray(part, p3 + L); a32.intoArray(part, p3 + 2 * L); a33.intoArray(part, p3 + 3 * L);
    }

    /** Rows 0..3 of the tile × one token at x[xo..]; partials of row i at part[po + i·ps]. */
    private static void tile4x1(float[] w, int ld, int len, float[] x, int xo, float[] part, int po, int ps) {
        var a0 = FloatVector.fromArray(F, part, po);
        var a1 = FloatVector.fromArray(F, part, po + ps);
        var a2 = FloatVector.fromArray(F, part, po + 2 * ps);
        var a3 = FloatVector.fromArray(F, part, po + 3 * ps);
        for (int k = 0; k < len; k += L) {
            var v = FloatVector.fromArray(F, x, xo + k);
            a0 = FloatVector.fromArray(F, w, k).fma(v, a0);
            a1 = FloatVector.fromArray(F, w, ld + k).fma(v, a1);
            a2 = FloatVector.fromArray(F, w, 2 * ld + k).fma(v, a2);
            a3 = FloatVector.fromArray(F, w, 3 * ld + k).fma(v, a3);
        }
        a0.intoArray(part, po);
        a1.intoArray(part, po + ps);
        a2.intoArray(part, po + 2 * ps);
        a3.intoArray(part, po + 3 * ps);
    }

    /** One tile row (from w[wo]) × one token. */
    private static void tile1x1(float[] w, int wo, int len, float[] x, int xo, float[] part, int po) {
        var a = FloatVector.fromArray(F, part, po);
        for (int k = 0; k < len; k += L) {
            a = FloatVector.fromArray(F, w, wo + k).fma(FloatVector.fromArray(F, x, xo + k), a);
        }
        a.intoArray(part, po);
    }
}
