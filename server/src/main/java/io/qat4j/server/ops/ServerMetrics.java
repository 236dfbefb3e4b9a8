package io.qat4j.server.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.generate.Completion;

/**
 * The server's metrics, in a Micrometer registry scraped as Prometheus text at /metrics: HTTP requests
 * by endpoint and status, completions by finish reason, prompt and generated tokens, slots and queue,
 * aggregate tokens per second, and latency histograms (time to first token, whole generation).
 */
public final class ServerMetrics implements AutoCloseable {
    // Histogram buckets for latencies: from a cached short prompt on a small model to a long CPU generation.
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(120), Duration.ofSeconds(300)};
    private static final int RATE_WINDOW_SECONDS = 10;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TokenRate tokenRate;
    private final ScheduledExecutorService sampler;

    public ServerMetrics(LocalModel model) {
        FunctionCounter.builder("qat4j.prompt.tokens", model, m -> m.stats().promptTokens())
                .description("Prompt tokens of admitted requests").register(registry);
        FunctionCounter.builder("qat4j.prompt.cached.tokens", model, m -> m.stats().cachedPromptTokens())
                .description("Prompt tokens whose KV entries were reused from an earlier request").register(registry);
        FunctionCounter.builder("qat4j.generated.tokens", model, m -> m.stats().generatedTokens())
                .description("Tokens generated").register(registry);
        Gauge.builder("qat4j.queue.depth", model, m -> m.stats().queued())
                .description("Requests waiting for a sequence slot").register(registry);
        Gauge.builder("qat4j.slots.active", model, m -> m.stats().activeSlots())
                .description("Sequence slots generating now").register(registry);
        Gauge.builder("qat4j.slots", model, LocalModel::slots)
                .description("Sequence slots (requests generated concurrently)").register(registry);
        this.tokenRate = new TokenRate(() -> model.stats().generatedTokens(), RATE_WINDOW_SECONDS + 1);
        Gauge.builder("qat4j.generation.tokens.per.second", tokenRate, TokenRate::perSecond)
                .description("Tokens generated per second over the last " + RATE_WINDOW_SECONDS + " seconds, all requests together")
                .register(registry);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("qat4j-metrics").unstarted(r));
        sampler.scheduleAtFixedRate(() -> tokenRate.sample(System.nanoTime()), 0, 1, TimeUnit.SECONDS);
    }

    /** One HTTP request answered. */
    public void request(String endpoint, String method, int status) {
        Counter.builder("qat4j.http.requests").description("HTTP requests by endpoint and status")
                .tags("endpoint", endpoint, "method", method, "status", Integer.toString(status))
                .register(registry).increment();
    }

    /** Time from a generation's arrival to its first token (queueing and prompt evaluation included). */
    public void firstToken(String endpoint, long nanos) {
        Timer.builder("qat4j.time.to.first.token").description("Time from arrival to the first generated token")
                .tags("endpoint", endpoint).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A generation ended, {@code nanos} after it arrived. */
    public void completion(String endpoint, Completion c, long nanos) {
        String reason = c.finishReason().name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("qat4j.completions").description("Generations by how they ended")
                .tags("endpoint", endpoint, "finish_reason", reason).register(registry).increment();
        Timer.builder("qat4j.generation.duration").description("Time from arrival to the end of the generation")
                .tags("endpoint", endpoint).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (c.decodeTokensPerSecond() > 0) {
            DistributionSummary.builder("qat4j.request.decode.tokens.per.second")
                    .description("Each request's own decoding speed after its first token").tags("endpoint", endpoint)
                    .register(registry).record(c.decodeTokensPerSecond());
        }
    }

    /** The registry, for modules that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every metric in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        registry.close();
    }
}
