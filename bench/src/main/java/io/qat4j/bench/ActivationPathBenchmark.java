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
import io.qat4j.kernels.QuantizedDotOps;
import io.qat4j.kernels.VectorOps;

/**
 * One matrix-vector product (2048 × 1152, one thread) two ways: float activations
 * ({@link VectorOps#matmul} with one token), and activations rounded to Q8_0 once, then integer
 * block dot products ({@link QuantizedDotOps}, as llama.cpp computes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector"})
public class ActivationPathBenchmark {
    @Param({"Q4_0", "Q8_0"})
    public String type;

    private final VectorOps ops = VectorOps.best();
    private final QuantizedDotOps int8 = QuantizedDotOps.best();
    private final MatMulScratch scratch = new MatMulScratch();
    private Arena arena;
    private WeightPanel m;
    private float[] out;
    private byte[] codes;
    private float[] scales;

    @Setup
    public void setUp() {
        arena = Arena.ofShared();
        m = WeightPanel.random(GgmlType.parse(type), 2048, 1152, 1, arena);
        out = new float[m.rows()];
        codes = new byte[m.cols()];
        scales = new float[m.cols() / 32];
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float[] floatActivations() {
        ops.matmul(m.type(), m.weights(), 0, m.rowBytes(), m.cols(), 0, m.rows(), m.x(), 0, m.cols(), 1, out, 0, m.rows(),
                scratch);
        return out;
    }

    @Benchmark
    public float[] int8Activations() {
        int8.quantizeActivationsQ8_0(m.x(), 0, m.cols(), codes, scales);
        int blocks = m.cols() / 32;
        boolean q4 = m.type() == GgmlType.Q4_0;
        for (int r = 0; r < m.rows(); r++) {
            long at = r * m.rowBytes();
            out[r] = q4 ? int8.dotQ4_0xQ8(m.weights(), at, codes, scales, 0, blocks)
                    : int8.dotQ8_0xQ8(m.weights(), at, codes, scales, 0, blocks);
        }
        return out;
    }
}
