package io.qat4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark entry point runs both modes (a single step each: timings belong in the benchmark, not here). */
class TrainBenchmarkTest {

    @Test
    void measuresFloatAndQatSteps() {
        var f = TrainBenchmark.measure("tiny", false, 2, 0, 1);
        var q = TrainBenchmark.measure("tiny", true, 2, 0, 1);
        assertThat(f.tokensPerSecond()).isPositive();
        assertThat(q.tokensPerSecond()).isPositive();
        assertThat(f.mode()).isEqualTo("float");
        assertThat(q.mode()).isEqualTo("qat_q4_0");
        assertThat(f.toString()).contains("tok_per_s=");
    }
}
