package io.qat4j.kernels.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The pool runs every task exactly once per run, run after run, reports failures, and allocates nothing per run. */
class WorkerPoolTest {

    @Test
    void everyTaskRunsExactlyOnceAcrossManyRunsOfChangingSize() {
        try (var pool = new WorkerPool(3)) {
            for (int run = 0; run < 5_000; run++) {
                int count = 1 + run % 37;
                var hits = new AtomicIntegerArray(count);
                pool.run(count, (worker, i) -> {
                    if (worker < 0 || worker > 2) {
                        throw new AssertionError("worker " + worker);
                    }
                    hits.incrementAndGet(i);
                });
                for (int i = 0; i < count; i++) {
                    assertThat(hits.get(i)).as("run %d task %d", run, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void forRangeCoversTheRangeWithDisjointChunks() {
        try (var pool = new WorkerPool(2)) {
            for (int n : new int[] {1, 7, 8, 9, 100, 1001}) {
                var hits = new AtomicIntegerArray(n);
                pool.forRange(n, 3, (worker, start, end) -> {
                    for (int i = start; i < end; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(hits.get(i)).as("n=%d element %d", n, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aFailingTaskFailsTheRunAndThePoolGoesOn() {
        try (var pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run(8, (w, i) -> {
                if (i == 5) {
                    throw new IllegalStateException("task 5 broke");
                }
            })).hasMessage("task 5 broke");
            var hits = new AtomicIntegerArray(4);
            pool.run(4, (w, i) -> hits.incrementAndGet(i));
            assertThat(hits.toString()).isEqualTo("[1, 1, 1, 1]");
        }
    }

    @Test
    void runningAllocatesNothingOnTheCallingThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (var pool = new WorkerPool(2)) {
            float[] out = new float[64];
            WorkerPool.RangeTask body = (w, a, z) -> {
                for (int i = a; i < z; i++) {
                    out[i] += 1;
                }
            };
            WorkerPool.Task task = (w, i) -> out[i] += 1;
            for (int i = 0; i < 20_000; i++) { // warm up, so that the JIT has compiled what it will
                pool.forRange(64, 4, body);
                pool.run(16, task);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1_000; i++) {
                pool.forRange(64, 4, body);
                pool.run(16, task);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated by 2000 runs").isLessThan(2_000);
        }
    }
}
