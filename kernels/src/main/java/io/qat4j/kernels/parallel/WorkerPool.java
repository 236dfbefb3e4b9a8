package io.qat4j.kernels.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed set of persistent threads that run indexed tasks. The calling thread works too (as worker
 * 0), so a pool of n threads starts n − 1 of its own.
 *
 * <p>Each {@link #run} publishes one job (without allocating); whoever is awake takes its tasks from a shared counter, and
 * the caller returns as soon as every task has finished, without waiting for workers that were still
 * asleep (they find the job done when they wake). On a loaded machine that keeps a run from costing a
 * thread wake-up.
 *
 * <p>Determinism is the caller's contract, and it is easy to keep: tasks must write disjoint outputs
 * and every reduction must happen inside one task or afterwards in a fixed order. Which worker runs a
 * task then never changes a result, so results do not even depend on the thread count.
 */
public final class WorkerPool implements AutoCloseable {

    /** One unit of work; {@code worker} (0..threads-1) selects per-thread scratch space. */
    @FunctionalInterface
    public interface Task {
        void run(int worker, int index);
    }

    /** A contiguous range of a {@link #forRange} loop. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int worker, int start, int end);
    }

    private static final int SPINS = 20_000;
    private static final long INDEX_MASK = 0xFFFF_FFFFL;

    private final int threads;
    private final Thread[] workers;
    private final Object lock = new Object();
    /** Held by the one caller whose run is in progress. */
    private final Object runLock = new Object();

    /*
     * The run in progress, reused from run to run so that running allocates nothing. Tasks are claimed
     * from `next`, which holds (generation << 32) | next index. A worker reads next, then task and
     * count, and claims index i with a compare-and-set on the whole word: if that succeeds, the run of
     * that generation is still the current one, and since its task and count were written before next
     * was set to its generation, the worker has read them. Between runs next is parked at an index no
     * count reaches, so a worker that read the old counter and a new count cannot claim.
     */
    private final AtomicLong next = new AtomicLong(Integer.MAX_VALUE);
    private final AtomicInteger done = new AtomicInteger();
    private Task task;
    private int count;
    private volatile Throwable failure;
    private volatile long generation;
    private volatile boolean closed;

    /** forRange's loop, held here so that forRange allocates no closure. */
    private RangeTask rangeBody;
    private int rangeLength;
    private int rangeChunks;
    private final Task rangeTask = (worker, c) -> rangeBody.run(worker, (int) ((long) rangeLength * c / rangeChunks),
            (int) ((long) rangeLength * (c + 1) / rangeChunks));

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int id = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("qat4j-worker-" + id).unstarted(() -> loop(id));
            workers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs task(worker, i) for i in 0..count-1 and returns when all are done. Callers on several
     * threads take turns; a task must not call back into its pool.
     */
    public void run(int count, Task task) {
        synchronized (runLock) {
            runAlone(count, task);
        }
    }

    private void runAlone(int count, Task task) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                task.run(0, i);
            }
            return;
        }
        long g = generation + 1;
        next.set(g << 32 | Integer.MAX_VALUE); // park: nothing can be claimed while the run is set up
        this.task = task;
        this.count = count;
        failure = null;
        done.set(0);
        next.set(g << 32);
        synchronized (lock) {
            generation = g;
            lock.notifyAll();
        }
        work(0);
        int spins = 0;
        while (done.get() < count) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
    }

    /**
     * Splits [0, n) into at most 4 chunks per thread, each at least {@code minChunk} long, and runs
     * them over the pool. Chunk boundaries depend only on n, minChunk and the thread count.
     */
    public void forRange(int n, int minChunk, RangeTask body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.max(1, Math.min(n / Math.max(1, minChunk), threads * 4));
        if (chunks == 1) {
            body.run(0, 0, n);
            return;
        }
        synchronized (runLock) {
            rangeBody = body;
            rangeLength = n;
            rangeChunks = chunks;
            try {
                runAlone(chunks, rangeTask);
            } finally {
                rangeBody = null;
            }
        }
    }

    private void work(int worker) {
        while (true) {
            long n = next.get();
            int i = (int) (n & INDEX_MASK);
            Task t = task;
            if (i >= count) {
                return;
            }
            if (!next.compareAndSet(n, n + 1)) {
                continue;
            }
            try {
                if (failure == null) {
                    t.run(worker, i);
                }
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    synchronized (lock) {
                        if (generation == seen && !closed) {
                            try {
                                lock.wait();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            work(id);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
