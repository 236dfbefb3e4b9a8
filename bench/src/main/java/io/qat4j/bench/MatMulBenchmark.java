package io.qat4j.bench;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.kernels.MatMulScratch;
import io.qat4j.kernels.VectorOps;

/**
 * {@link VectorOps#matmul} on one thread: a 2048 × 1152 matrix (the width of Gemma 3 1B) times K
 * tokens at once, against the same K tokens one call each (what the forward pass did before batched
 * kernels). Time per call; divide by tokens for time per token. The matrix (1.2 MiB in Q4_0) stays in
 * cache, so this measures the kernels, not memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class MatMulBenchmark {
    @Param({"Q4_0", "Q8_0", "F32"})
    public String type;

    @Param({"1", "2", "4", "8", "16"})
    public int tokens;

    private final VectorOps ops = VectorOps.best();
    private final MatMulScratch scratch = new MatMulScratch();
    private Arena arena;
    private WeightPanel m;
    private float[] out;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        m = WeightPanel.random(GgmlType.parse(type), 2048, 1152, tokens, arena);
        out = new float[tokens * m.rows()];
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float[] batched() {
        ops.matmul(m.type(), m.weights(), 0, m.rowBytes(), m.cols(), 0, m.rows(), m.x(), 0, m.cols(), tokens, out, 0,
                m.rows(), scratch);
        return out;
    }

    @Benchmark
    public float[] oneTokenAtATime() {
        for (int t = 0; t < tokens; t++) {
            ops.matmul(m.type(), m.weights(), 0, m.rowBytes(), m.cols(), 0, m.rows(), m.x(), t * m.cols(), m.cols(), 1, out,
                    t * m.rows(), m.rows(), scratch);
        }
        return out;
    }
}
