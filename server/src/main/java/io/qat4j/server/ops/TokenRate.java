package io.qat4j.server.ops;

import java.util.function.LongSupplier;

/**
 * The rate of a growing counter over a sliding window of samples (tokens per second over the last few
 * seconds). Samples are taken by the caller, usually once a second; thread-safe.
 */
final class TokenRate {
    private final LongSupplier counter;
    private final long[] times;
    private final long[] counts;
    private int next;
    private int size;

    /** @param window how many samples the rate spans (the window is window − 1 sampling intervals) */
    TokenRate(LongSupplier counter, int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a rate needs a window of at least 2 samples, got " + window);
        }
        this.counter = counter;
        this.times = new long[window];
        this.counts = new long[window];
    }

    /** Records the counter's value at {@code nanoTime}. */
    synchronized void sample(long nanoTime) {
        times[next] = nanoTime;
        counts[next] = counter.getAsLong();
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Growth per second between the oldest and newest sample held; 0 until there are two. */
    synchronized double perSecond() {
        if (size < 2) {
            return 0;
        }
        int newest = (next - 1 + times.length) % times.length;
        int oldest = size < times.length ? 0 : next;
        long dt = times[newest] - times[oldest];
        return dt > 0 ? (counts[newest] - counts[oldest]) * 1e9 / dt : 0;
    }
}
