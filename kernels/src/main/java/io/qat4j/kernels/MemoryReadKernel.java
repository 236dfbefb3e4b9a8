package io.qat4j.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Streams through memory as fast as the core can load it, for the bandwidth probe: the decode speed
 * ceiling is bandwidth ÷ bytes read per token. The result (a wrap-around sum) keeps the JIT from
 * dropping the loads.
 */
public final class MemoryReadKernel {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private MemoryReadKernel() {}

    /** Reference: the sum of the little-endian longs in [off, off+len), len a multiple of 8. */
    public static long sumScalar(MemorySegment seg, long off, long len) {
        long s = 0;
        for (long i = 0; i < len; i += 8) {
            s += seg.get(LONG, off + i);
        }
        return s;
    }

    /** The same sum with vector loads and four independent accumulators. */
    public static long sum(MemorySegment seg, long off, long len) {
        int step = S.vectorByteSize();
        long bound = off + (len / (4L * step)) * 4L * step;
        LongVector a0 = LongVector.zero(S);
        LongVector a1 = LongVector.zero(S);
        LongVector a2 = LongVector.zero(S);
        LongVector a3 = LongVector.zero(S);
        long i = off;
        for (; i < bound; i += 4L * step) {
            a0 = a0.add(LongVector.fromMemorySegment(S, seg, i, ByteOrder.LITTLE_ENDIAN));
            a1 = a1.add(LongVector.fromMemorySegment(S, seg, i + step, ByteOrder.LITTLE_ENDIAN));
            a2 = a2.add(LongVector.fromMemorySegment(S, seg, i + 2L * step, ByteOrder.LITTLE_ENDIAN));
            a3 = a3.add(LongVector.fromMemorySegment(S, seg, i + 3L * step, ByteOrder.LITTLE_ENDIAN));
        }
        long s = a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
        return s + sumScalar(seg, i, off + len - i);
    }
}
