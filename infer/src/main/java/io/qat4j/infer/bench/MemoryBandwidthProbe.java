package io.qat4j.infer.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.qat4j.kernels.parallel.WorkerPool;
import io.qat4j.kernels.MemoryReadKernel;

/**
 * Measures read bandwidth from main memory: {@code threads} threads stream over a buffer much larger
 * than the last-level cache; the median of several passes is reported. Decode reads every weight once
 * per token, so bandwidth ÷ bytes per token is the ceiling on decode speed.
 */
public final class MemoryBandwidthProbe {
    private MemoryBandwidthProbe() {}

    /** Read bandwidth in bytes per second. */
    public static double measure(int threads, long bufferBytes, int passes) {
        try (Arena arena = Arena.ofShared(); WorkerPool pool = new WorkerPool(threads)) {
            MemorySegment buf = arena.allocate(bufferBytes, 64);
            buf.fill((byte) 1); // touch every page so the first pass doesn't measure page faults
            AtomicLong sink = new AtomicLong();
            double[] rates = new double[passes];
            int chunks = threads * 8;
            long chunk = bufferBytes / chunks / 64 * 64;
            for (int p = 0; p < passes; p++) {
                long t0 = System.nanoTime();
                pool.run(chunks, (w, c) -> sink.addAndGet(MemoryReadKernel.sum(buf, c * chunk, chunk)));
                long dt = System.nanoTime() - t0;
                rates[p] = (double) chunk * chunks / (dt / 1e9);
            }
            if (sink.get() == 42) {
                System.out.print(""); // the sum must be observable, or the reads could be elided
            }
            Arrays.sort(rates);
            return rates[passes / 2];
        }
    }
}
