package io.qat4j.train.quant;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BF16Codec;
import io.qat4j.core.quant.BlockGrid;

/**
 * Q4_0 encoding of weights that may already sit on a Q4_0 grid — a QAT "q4_0-unquantized" checkpoint
 * stores {@code d·(q − 8)} per block in a float type. Round-to-nearest would re-derive d from the
 * block's largest value (d = m/−8), which differs from the trained d whenever the largest value is
 * not at level −8 (or the float type rounded it), and then re-round every weight. Instead, for each
 * block this searches the fp16 scales that put the largest value on one of the 15 non-zero levels
 * (within the rounding of the source type) and keeps a scale whose levels reproduce the block:
 * <ul>
 *   <li>exactly — the Q4_0 block decodes to the checkpoint's values (bit for bit, except that a zero
 *       comes back with the sign of the block's scale);</li>
 *   <li>within the source type's precision — every {@code d·k} rounds to the stored value (a BF16
 *       checkpoint cannot hold every fp16·level product);</li>
 *   <li>otherwise the block is quantized by round-to-nearest, as the codec does.</li>
 * </ul>
 */
public final class GridRecovery {
    private static final int BLOCK = 32;
    private static final BlockGrid Q4_0 = BlockGrid.of(GgmlType.Q4_0);
    /** Levels to try for the block's largest value, the usual one first. */
    private static final int[] LEVELS = {-8, 7, -7, 6, -6, 5, -5, 4, -4, 3, -3, 2, -2, 1, -1};

    /**
     * Blocks by outcome.
     *
     * @param exact      decode to the source values bit for bit
     * @param onGrid     on a grid within the source type's rounding (not bit for bit)
     * @param rederived  quantized by round-to-nearest
     */
    public record Counts(long exact, long onGrid, long rederived) {
        public long blocks() {
            return exact + onGrid + rederived;
        }

        public Counts plus(Counts o) {
            return new Counts(exact + o.exact, onGrid + o.onGrid, rederived + o.rederived);
        }
    }

    private GridRecovery() {}

    /**
     * Encodes {@code n} values (whole blocks) as Q4_0 into {@code dst}; {@code source} is the float type
     * the values were stored in (F32, F16 or BF16).
     */
    public static Counts encode(float[] x, int n, GgmlType source, MemorySegment dst) {
        if (n % BLOCK != 0) {
            throw new IllegalArgumentException(n + " values are not whole Q4_0 blocks of " + BLOCK);
        }
        long exact = 0;
        long onGrid = 0;
        byte[] levels = new byte[BLOCK];
        byte[] kept = new byte[BLOCK];
        for (int b = 0; b < n / BLOCK; b++) {
            int o = b * BLOCK;
            long at = (long) b * GgmlType.Q4_0.blockBytes();
            float nearest = Q4_0.nearestScale(x, o);
            Q4_0.levels(x, o, nearest, levels);
            short nearestBits = Float.floatToFloat16(nearest);
            if (reproduces(x, o, Float.float16ToFloat(nearestBits), levels, GgmlType.F32)) {
                Q4_0.writeBlock(nearestBits, levels, dst, at);
                exact++;
                continue;
            }
            short keptBits = 0;
            boolean found = false;
            boolean isExact = false;
            int a = largest(x, o);
            search:
            for (int level : LEVELS) {
                float half = halfUlp(x[o + a], source);
                float lo = Math.abs((x[o + a] - half) / level);
                float hi = Math.abs((x[o + a] + half) / level);
                int sign = (x[o + a] / level) < 0 ? 0x8000 : 0;
                int from = Math.max(1, (Float.floatToFloat16(Math.min(lo, hi)) & 0x7FFF) - 1);
                int to = Math.min(0x7BFF, (Float.floatToFloat16(Math.max(lo, hi)) & 0x7FFF) + 1);
                for (int mag = from; mag <= to; mag++) {
                    short bits = (short) (sign | mag);
                    float d = Float.float16ToFloat(bits);
                    Q4_0.levels(x, o, d, levels);
                    if (reproduces(x, o, d, levels, GgmlType.F32)) {
                        keptBits = bits;
                        System.arraycopy(levels, 0, kept, 0, BLOCK);
                        found = true;
                        isExact = true;
                        break search;
                    }
                    if (!found && source != GgmlType.F32 && reproduces(x, o, d, levels, source)) {
                        keptBits = bits;
                        System.arraycopy(levels, 0, kept, 0, BLOCK);
                        found = true;
                    }
                }
            }
            if (found) {
                Q4_0.writeBlock(keptBits, kept, dst, at);
                if (isExact) {
                    exact++;
                } else {
                    onGrid++;
                }
            } else {
                Q4_0.levels(x, o, nearest, levels);
                Q4_0.writeBlock(nearestBits, levels, dst, at);
            }
        }
        long blocks = n / BLOCK;
        return new Counts(exact, onGrid, blocks - exact - onGrid);
    }

    /** Whether d·k, rounded to {@code precision}, gives back every value of the block. */
    private static boolean reproduces(float[] x, int o, float d, byte[] k, GgmlType precision) {
        for (int j = 0; j < BLOCK; j++) {
            if (Float.floatToRawIntBits(round(d * k[j], precision)) != Float.floatToRawIntBits(x[o + j])
                    && !(x[o + j] == 0f && d * k[j] == 0f)) {
                return false;
            }
        }
        return true;
    }

    private static float round(float v, GgmlType precision) {
        return switch (precision) {
            case F32 -> v;
            case F16 -> Float.float16ToFloat(Float.floatToFloat16(v));
            case BF16 -> BF16Codec.toFloat(BF16Codec.fromFloat(v));
            default -> throw new IllegalArgumentException("source values of type " + precision + " are not F32, F16 or BF16");
        };
    }

    /** Half the spacing of the source type's values around v: how far the stored value may be from d·k. */
    private static float halfUlp(float v, GgmlType source) {
        float ulp = Math.ulp(v);
        return switch (source) {
            case F32 -> ulp / 2;
            case F16 -> Math.max(ulp * 8192f, 0x1p-24f) / 2;
            case BF16 -> ulp * 65536f / 2;
            default -> throw new IllegalArgumentException("source values of type " + source + " are not F32, F16 or BF16");
        };
    }

    private static int largest(float[] x, int o) {
        int a = 0;
        for (int j = 1; j < BLOCK; j++) {
            if (Math.abs(x[o + j]) > Math.abs(x[o + a])) {
                a = j;
            }
        }
        return a;
    }
}
