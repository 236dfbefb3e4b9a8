package io.qat4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark, one short iteration each, in this JVM (no fork): not a measurement, only a guard
 * that the benchmarks still compile, set up and run.
 */
class JmhSmokeTest {

    @Test
    void everyBenchmarkRunsOneShortIteration() throws Exception {
        var options = new OptionsBuilder()
                .include("io\\.qat4j\\.bench\\..*Benchmark")
                .param("tokens", "1", "4")
                .param("type", "Q4_0")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        var results = new Runner(options).run();
        // MatMul: 2 methods × 2 token counts; ActivationPath: 2 methods.
        assertThat(results).hasSize(6);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
