package io.qat4j.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives a server with N concurrent streaming chat clients for a bounded time. A 429 is retried after
 * its Retry-After and counted apart; anything else that is not a complete stream (200, chunks, a
 * finish reason, usage, {@code [DONE]}) is a failure.
 */
final class LoadClient {

    /**
     * @param requests    completed streams
     * @param failures    requests that did not complete as a well-formed stream
     * @param retried     429 answers (each retried)
     * @param tokens      completion tokens over all completed streams (from their usage chunks)
     * @param seconds     wall time from the first request to the last stream's end
     * @param ttftMillis  client-side time to the first text chunk, per completed stream, sorted
     * @param errors      the first few failure descriptions
     */
    record Result(long requests, long failures, long retried, long tokens, double seconds, List<Double> ttftMillis,
            List<String> errors) {
        double tokensPerSecond() {
            return tokens / seconds;
        }

        double ttftPercentile(double p) {
            return ttftMillis.isEmpty() ? Double.NaN : ttftMillis.get((int) Math.min(ttftMillis.size() - 1, p * ttftMillis.size()));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // Short: the tiny fixture model's vocabulary spends about a token per character and its context is 128.
    private static final String SYSTEM = "Be brief.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String model;
    private final int maxTokens;

    /** @param maxTokens tokens per answer; the end of turn is banned so every answer has exactly this many */
    LoadClient(String baseUrl, String model, int maxTokens) {
        this.baseUrl = baseUrl;
        this.model = model;
        this.maxTokens = maxTokens;
    }

    Result run(int concurrency, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        var requests = new AtomicLong();
        var failures = new AtomicLong();
        var retried = new AtomicLong();
        var tokens = new AtomicLong();
        var ttft = Collections.synchronizedList(new ArrayList<Double>());
        var errors = Collections.synchronizedList(new ArrayList<String>());
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    try {
                        Outcome o = oneStream(client, i);
                        switch (o) {
                            case Outcome.Done d -> {
                                requests.incrementAndGet();
                                tokens.addAndGet(d.tokens());
                                ttft.add(d.ttftMillis());
                            }
                            case Outcome.Busy b -> {
                                retried.incrementAndGet();
                                Thread.sleep(b.retryAfterMillis());
                            }
                            case Outcome.Failed f -> {
                                failures.incrementAndGet();
                                if (errors.size() < 5) {
                                    errors.add(f.why());
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var sorted = new ArrayList<>(ttft);
        Collections.sort(sorted);
        return new Result(requests.get(), failures.get(), retried.get(), tokens.get(), seconds, sorted, List.copyOf(errors));
    }

    private sealed interface Outcome {
        record Done(long tokens, double ttftMillis) implements Outcome {}

        record Busy(long retryAfterMillis) implements Outcome {}

        record Failed(String why) implements Outcome {}
    }

    private Outcome oneStream(int client, int i) throws InterruptedException {
        String body;
        try {
            body = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("model", model).put("max_tokens", maxTokens).put("stream", true)
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("stream_options", JSON.createObjectNode().put("include_usage", true))
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("logit_bias", JSON.createObjectNode()
                            .put(Integer.toString(TestServer.EOS), -100).put(Integer.toString(TestServer.END_OF_TURN), -100))
                    .set("messages", JSON.createArrayNode()
                            .add(JSON.createObjectNode().put("role", "system").put("content", SYSTEM))
                            .add(JSON.createObjectNode().put("role", "user").put("content", "Client " + client + " asks " + i))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        HttpResponse<Stream<String>> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            return new Outcome.Failed("request failed: " + e);
        }
        try (Stream<String> lines = res.body()) {
            if (res.statusCode() == 429) {
                var retryAfter = res.headers().firstValue("Retry-After");
                return retryAfter.isPresent() ? new Outcome.Busy(Long.parseLong(retryAfter.get()) * 1000)
                        : new Outcome.Failed("429 without Retry-After");
            }
            if (res.statusCode() != 200) {
                return new Outcome.Failed("status " + res.statusCode() + ": " + String.join("\n", lines.toList()));
            }
            double firstText = -1;
            String finish = null;
            long usageTokens = -1;
            boolean done = false;
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty() || line.startsWith(":")) {
                    continue;
                }
                if (!line.startsWith("data: ")) {
                    return new Outcome.Failed("not an SSE data line: " + line);
                }
                String data = line.substring(6);
                if (data.equals("[DONE]")) {
                    done = true;
                    continue;
                }
                JsonNode chunk = JSON.readTree(data);
                if (chunk.has("error")) {
                    return new Outcome.Failed("error event: " + data);
                }
                if (chunk.get("usage") != null && !chunk.get("usage").isNull()) {
                    usageTokens = chunk.get("usage").get("completion_tokens").asLong();
                }
                for (JsonNode choice : chunk.get("choices")) {
                    if (firstText < 0 && choice.path("delta").hasNonNull("content") && !choice.get("delta").get("content").asText().isEmpty()) {
                        firstText = (System.nanoTime() - sent) / 1e6;
                    }
                    if (!choice.get("finish_reason").isNull()) {
                        finish = choice.get("finish_reason").asText();
                    }
                }
            }
            if (!done || finish == null || usageTokens != maxTokens) {
                return new Outcome.Failed("incomplete stream: done=" + done + " finish=" + finish + " tokens=" + usageTokens);
            }
            return new Outcome.Done(usageTokens, firstText);
        } catch (IOException | RuntimeException e) {
            return new Outcome.Failed("reading the stream failed: " + e);
        }
    }

    /** This process's resident set size in bytes (VmRSS of /proc/self/status). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
