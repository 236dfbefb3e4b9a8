package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MemoryReadKernelTest {
    @Property(tries = 200)
    void vectorSumEqualsScalarSum(@ForAll @IntRange(min = 0, max = 700) int longs, @ForAll @IntRange(min = 0, max = 7) int offset,
            @ForAll long seed) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(8L * longs + offset + 8);
            var r = new java.util.SplittableRandom(seed);
            for (long i = 0; i < seg.byteSize(); i++) {
                seg.set(ValueLayout.JAVA_BYTE, i, (byte) r.nextInt());
            }
            long expected = 0;
            var ro = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < longs; i++) {
                expected += seg.get(ro, offset + 8L * i);
            }
            assertThat(MemoryReadKernel.sumScalar(seg, offset, 8L * longs)).isEqualTo(expected);
            assertThat(MemoryReadKernel.sum(seg, offset, 8L * longs)).isEqualTo(expected);
        }
    }
}
