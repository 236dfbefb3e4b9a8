package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * 32 concurrent streaming clients for a few seconds: no failed request, no slot left busy afterwards,
 * resident memory flat between a warm-up and the end of the run. (LoadBenchmark is the long version.)
 */
class LoadTest {

    @Test
    void thirtyTwoStreamingClientsWithoutFailuresLeaksOrMemoryGrowth() throws Exception {
        // 4 slots and a queue of 32: every one of the 32 clients always has a place, so no 429 is expected
        // (the client would retry one and count it apart).
        try (var t = TestServer.start(4, 32)) {
            var load = new LoadClient(t.server.url(), TestServer.MODEL_ID, 16);
            var warmUp = load.run(32, Duration.ofSeconds(1));
            assertThat(warmUp.failures()).as("warm-up failures: %s", warmUp.errors()).isZero();
            System.gc();
            long rssBefore = LoadClient.residentBytes();
            var run = load.run(32, Duration.ofSeconds(3));
            System.gc();
            long rssAfter = LoadClient.residentBytes();
            System.out.printf("LoadTest: %d streams, %d tokens in %.1f s = %.0f tokens/s, %d retried 429s, TTFT p50 %.0f ms,"
                    + " RSS %d -> %d MiB, load average %s%n", run.requests(), run.tokens(), run.seconds(), run.tokensPerSecond(),
                    run.retried(), run.ttftPercentile(0.5), rssBefore >> 20, rssAfter >> 20, LoadClient.loadAverage());
            assertThat(run.failures()).as("failures: %s", run.errors()).isZero();
            assertThat(run.requests()).isGreaterThanOrEqualTo(32);
            assertThat(run.tokens()).isEqualTo(run.requests() * 16);
            var stats = t.model.stats();
            assertThat(stats.activeSlots()).isZero();
            assertThat(stats.queued()).isZero();
            assertThat(t.server.runningGenerations()).isZero();
            // Flat: the run may not grow the process by more than a fixed allowance beyond its warmed-up size.
            assertThat(rssAfter - rssBefore).as("RSS growth in bytes").isLessThan(96L << 20);
        }
    }
}
