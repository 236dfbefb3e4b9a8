package io.qat4j.kernels.parallel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of persistent threads that run indexed tasks. The calling thread works too (as worker
 * 0), so a pool of n threads starts n − 1 of its own.
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

    private final int threads;
    private final Thread[] workers;
    private final Object lock = new Object();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task current;
    private volatile int count;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;

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
        failure = null;
        current = task;
        this.count = count;
        next.set(0);
        pending.set(workers.length);
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
        work(0, task, count);
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                synchronized (lock) {
                    if (pending.get() > 0) {
                        try {
                            lock.wait(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting for workers", e);
                        }
                    }
                }
            }
        }
        current = null;
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

    private void work(int worker, Task task, int n) {
        int i;
        while ((i = next.getAndIncrement()) < n) {
            try {
                task.run(worker, i);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                next.set(n); // stop handing out the rest
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
            Task task = current;
            if (task != null) {
                work(id, task, count);
            }
            if (pending.decrementAndGet() == 0) {
                synchronized (lock) {
                    lock.notifyAll();
                }
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
