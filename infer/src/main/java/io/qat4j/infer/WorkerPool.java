package io.qat4j.infer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of persistent worker threads for data-parallel loops. A forward pass issues hundreds
 * of small parallel loops per token, so starting one must cost microseconds: workers spin briefly
 * before parking, and work is handed out as indices from one atomic ticket.
 *
 * <p>The ticket packs the loop's generation with the next index, so a worker that wakes late can
 * never run a finished loop's body on the next loop's indices. The caller thread works too; a pool
 * of size 1 runs everything inline.
 */
public final class WorkerPool implements AutoCloseable {
    private static final long SPIN_NANOS = 100_000;

    /** One parallel loop. */
    private static final class Job {
        final int generation;
        final IntConsumer body;
        final int count;
        final AtomicInteger remaining;
        volatile Throwable failure;

        Job(int generation, IntConsumer body, int count) {
            this.generation = generation;
            this.body = body;
            this.count = count;
            this.remaining = new AtomicInteger(count);
        }
    }

    private final Thread[] workers;
    private final AtomicLong ticket = new AtomicLong();
    private volatile Job job;
    private volatile boolean closed;
    private int generation;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("qat4j-worker-" + (i + 1)).unstarted(this::loop);
            workers[i].start();
        }
    }

    /** Threads that take part in a loop, the caller included. */
    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body.accept(i)} for i in [0, count), spread over the pool, and returns when all are
     * done. Loops on one pool run one at a time.
     */
    public synchronized void forEach(int count, IntConsumer body) {
        if (count <= 0) {
            return;
        }
        if (workers.length == 0 || count == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        Job j = new Job(++generation, body, count);
        ticket.set((long) j.generation << 32);
        job = j;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        drain(j);
        while (j.remaining.get() > 0) {
            Thread.onSpinWait();
        }
        Throwable f = j.failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    /** Splits [0, n) into chunks of at least {@code minChunk} and runs {@code body(start, end)} on each. */
    public void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(n / Math.max(1, minChunk), threads() * 4));
        if (chunks <= 1 || threads() == 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /** The body of {@link #forRange}: handles [start, end). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private void drain(Job j) {
        long gen = (long) j.generation << 32;
        while (true) {
            long t = ticket.get();
            if ((t & 0xFFFF_FFFF_0000_0000L) != gen) {
                return;
            }
            int i = (int) t;
            if (i >= j.count) {
                return;
            }
            if (!ticket.compareAndSet(t, t + 1)) {
                continue;
            }
            try {
                j.body.accept(i);
            } catch (Throwable e) {
                j.failure = e;
            } finally {
                j.remaining.decrementAndGet();
            }
        }
    }

    private void loop() {
        int seen = 0;
        while (!closed) {
            Job j = job;
            if (j != null && j.generation != seen) {
                seen = j.generation;
                drain(j);
                continue;
            }
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (!closed && (job == null || job.generation == seen)) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 500_000);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
