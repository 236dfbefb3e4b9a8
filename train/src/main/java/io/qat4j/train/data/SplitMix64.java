package io.qat4j.train.data;

/**
 * A tiny seeded random generator whose whole state is one long, so a checkpoint can store it and a
 * resumed run draws exactly the numbers the uninterrupted run would have (SplitMix64, Steele et al.).
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The state to checkpoint. */
    public long state() {
        return state;
    }

    public static SplitMix64 restore(long state) {
        return new SplitMix64(state);
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = Long.remainderUnsigned(-1L, bound);
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, -1L - limit) <= 0 || limit == bound - 1) {
                return (int) Long.remainderUnsigned(r, bound);
            }
        }
    }
}
