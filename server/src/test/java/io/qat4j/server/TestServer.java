package io.qat4j.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.ModelOptions;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.infer.sampling.LogitProcessor;
import io.qat4j.testkit.TestData;

/** The tiny fixture model served on an ephemeral loopback port, with a plain HTTP client for raw requests. */
final class TestServer implements AutoCloseable {
    static final String MODEL_ID = "gemma3-tiny";
    /** The tiny vocabulary's end-of-generation ids (README: {@code <eos>}=1, {@code <end_of_turn>}=328). */
    static final int EOS = 1;
    static final int END_OF_TURN = 328;

    final LocalModel model;
    final Qat4jServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    private TestServer(LocalModel model, Qat4jServer server) {
        this.model = model;
        this.server = server;
    }

    static Path modelPath() {
        return TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf");
    }

    static TestServer start(int slots, int queue) throws IOException {
        return start(slots, queue, c -> c, CompletionHook.NONE);
    }

    static TestServer start(int slots, int queue, UnaryOperator<ServerConfig> config, CompletionHook hook) throws IOException {
        return start(slots, queue, config, (builder, model) -> builder.hook(hook));
    }

    /** A server whose builder {@code setup} completes (modules, hooks) with the loaded model at hand. */
    static TestServer start(int slots, int queue, UnaryOperator<ServerConfig> config,
            BiFunction<Qat4jServer.Builder, LocalModel, Qat4jServer.Builder> setup) throws IOException {
        LocalModel model = Qat4j.load(modelPath(), ModelOptions.defaults().withThreads(1).withSlots(slots, queue));
        try {
            var cfg = config.apply(ServerConfig.defaults(MODEL_ID).withAddress("127.0.0.1", 0));
            return new TestServer(model, setup.apply(Qat4jServer.builder(model, cfg), model).start());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    String url(String path) {
        return server.url() + path;
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with an optional bearer key and JSON body (null for none). */
    HttpResponse<String> send(String method, String path, String bearer, String body) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode parse(String body) throws IOException {
        return json.readTree(body);
    }

    /** Bans the end of turn, so a generation runs to its token limit (what logit_bias -100 on both ids does). */
    static List<LogitProcessor> banEndOfTurn() {
        return List.of((logits, vocab, history, n) -> {
            logits[EOS] = Float.NEGATIVE_INFINITY;
            logits[END_OF_TURN] = Float.NEGATIVE_INFINITY;
        });
    }

    /**
     * A hook that slows every decoding step by {@code millisPerToken} and bans the end of turn, so a
     * generation on the tiny model lasts max_tokens × that long (to catch it running).
     */
    static CompletionHook slowDecoding(int millisPerToken) {
        LogitProcessor ban = banEndOfTurn().getFirst();
        LogitProcessor slow = (logits, vocab, history, n) -> {
            ban.process(logits, vocab, history, n);
            try {
                Thread.sleep(millisPerToken);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return new CompletionHook() {
            @Override
            public CompletionRequest beforeGeneration(CompletionRequest request) {
                var o = request.options();
                return request.withOptions(o.withProcessors(concat(o.processors(), slow)));
            }
        };
    }

    private static List<LogitProcessor> concat(List<LogitProcessor> a, LogitProcessor b) {
        var out = new java.util.ArrayList<>(a);
        out.add(b);
        return out;
    }

    /** The value of a Prometheus sample line {@code name{labels} value}, or 0 when absent. */
    static double metric(String scrape, String nameAndLabels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() {
        server.close();
        model.close();
    }
}
