package io.qat4j.kernels.parallel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of persistent threads that run indexed tasks. The calling thread works too (as worker
 * 0), so a pool of n threads starts n − 1 of its own.
 *
 * <p>Each {@link #run} publishes one job; whoever is awake takes its tasks from a shared counter, and
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

    private static final int SPINS = 20_000;

    /** One call of {@link #run}: its tasks, the next one to hand out, and how many have finished. */
    private static final class Job {
        final Task task;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(Task task, int count) {
            this.task = task;
            this.count = count;
        }
    }

    private final int threads;
    private final Thread[] workers;
    private final Object lock = new Object();
    private volatile Job job;
    private volatile long generation;
    private volatile boolean closed;

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

    /** Runs task(worker, i) for i in 0..count-1 and returns when all are done. */
    public void run(int count, Task task) {
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
        Job j = new Job(task, count);
        job = j;
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
        work(j, 0);
        int spins = 0;
        while (j.done.get() < count) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable f = j.failure;
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

    /** A contiguous range of a {@link #forRange} loop. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int worker, int start, int end);
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
        run(chunks, (w, c) -> body.run(w, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    private static void work(Job j, int worker) {
        int i;
        while ((i = j.next.getAndIncrement()) < j.count) {
            try {
                if (j.failure == null) {
                    j.task.run(worker, i);
                }
            } catch (Throwable t) {
                if (j.failure == null) {
                    j.failure = t;
                }
            } finally {
                j.done.incrementAndGet();
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
            Job j = job;
            if (j != null) {
                work(j, id);
            }
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
