package io.qat4j.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.ModelOptions;
import io.qat4j.infer.api.Qat4j;

/**
 * The long load test, run by hand: aggregate tokens/s of N concurrent streaming clients (N = 1, 4, 16,
 * 32) against a server on loopback, with resident memory and load average.
 *
 * <pre>
 * java -cp ... io.qat4j.server.LoadBenchmark [MODEL.gguf] [--slots N] [--seconds S] [--tokens N] [--threads N] [--soak S]
 * </pre>
 *
 * {@code --soak S} then keeps 32 clients running for S more seconds, printing resident memory every
 * 10 s, to tell heap growth that levels off from a leak.
 *
 * Without a model it serves the tiny fixture model of the test data (random weights: it measures the
 * server and the batching engine, not a real model's arithmetic).
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path model = null;
        int slots = 4;
        int seconds = 10;
        int tokens = 32;
        int threads = Runtime.getRuntime().availableProcessors();
        int soak = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--slots" -> slots = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--soak" -> soak = Integer.parseInt(args[++i]);
                default -> model = Path.of(args[i]);
            }
        }
        if (model == null) {
            model = Path.of(System.getProperty("qat4j.testdata", "../shared/testdata"), "gemma3-tiny", "gemma3-tiny-q8_0.gguf");
        }
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException(model + ": no such model file");
        }
        int[] levels = {1, 4, 16, 32};
        var options = ModelOptions.defaults().withThreads(threads).withSlots(slots, 32);
        var reuse = PrefixReuse.plan(PrefixReuse.Mode.AUTO, model, options); // as qat4j serve decides
        try (LocalModel m = Qat4j.load(model, reuse.apply(options));
                var server = Qat4jServer.builder(m, ServerConfig.defaults("bench").withAddress("127.0.0.1", 0)).start()) {
            System.out.printf(Locale.ROOT, "model %s, %d slots, queue 32, %d threads, %d tokens per answer, %d s per level, %s%n",
                    model, slots, threads, tokens, seconds, reuse.describe());
            System.out.printf(Locale.ROOT, "load average before: %s%n", LoadClient.loadAverage());
            var load = new LoadClient(server.url(), "bench", tokens);
            load.run(32, Duration.ofSeconds(Math.max(2, seconds / 3))); // warm-up: JIT, heap, connections
            System.gc();
            long rssWarm = LoadClient.residentBytes();
            System.out.printf(Locale.ROOT, "RSS after warm-up: %d MiB%n", rssWarm >> 20);
            System.out.printf(Locale.ROOT, "%11s %9s %9s %8s %10s %12s %12s %8s  %s%n", "concurrency", "requests", "failures",
                    "429s", "tokens/s", "TTFT p50 ms", "TTFT p95 ms", "RSS MiB", "load avg");
            for (int c : levels) {
                var r = load.run(c, Duration.ofSeconds(seconds));
                System.out.printf(Locale.ROOT, "%11d %9d %9d %8d %10.1f %12.1f %12.1f %8d  %s%n", c, r.requests(), r.failures(),
                        r.retried(), r.tokensPerSecond(), r.ttftPercentile(0.5), r.ttftPercentile(0.95),
                        LoadClient.residentBytes() >> 20, LoadClient.loadAverage());
                r.errors().forEach(e -> System.out.println("  failure: " + e));
            }
            for (int t = 0; t < soak; t += 10) {
                var r = load.run(32, Duration.ofSeconds(10));
                System.out.printf(Locale.ROOT, "soak %3d s: %d requests, %d failures, %.1f tokens/s, RSS %d MiB, heap used %d MiB, load avg %s%n",
                        t + 10, r.requests(), r.failures(), r.tokensPerSecond(), LoadClient.residentBytes() >> 20,
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, LoadClient.loadAverage());
            }
            System.gc();
            var stats = m.stats();
            System.out.printf(Locale.ROOT, "prompt tokens %d, of which reused from the KV cache %d; generated %d%n",
                    stats.promptTokens(), stats.cachedPromptTokens(), stats.generatedTokens());
            System.out.printf(Locale.ROOT, "after the run: %d active slots, %d queued, %d running; RSS %d MiB (warm-up %d MiB)%n",
                    stats.activeSlots(), stats.queued(), server.runningGenerations(), LoadClient.residentBytes() >> 20, rssWarm >> 20);
        }
    }
}
