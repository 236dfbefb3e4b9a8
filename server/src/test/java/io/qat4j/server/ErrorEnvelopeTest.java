package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Every bad request gets OpenAI's error envelope with the right status, type, param and code. */
class ErrorEnvelopeTest {
    static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start(1, 4, c -> c.withMaxBodyBytes(4096), CompletionHook.NONE);
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** Checks the envelope's shape and returns its "error" object. */
    static JsonNode error(HttpResponse<String> res, int status) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode root = t.parse(res.body());
        assertThat(root.properties()).hasSize(1);
        JsonNode e = root.get("error");
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.has("type") && e.has("param") && e.has("code")).as("all four fields, null or not").isTrue();
        return e;
    }

    static String chat(String extra) {
        return "{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + extra + "}";
    }

    @Test
    void malformedJsonIs400() throws Exception {
        for (String body : new String[] {"{\"model\":", "not json", "{\"model\":\"gemma3-tiny\"} trailing", "[1,2]", ""}) {
            JsonNode e = error(t.post("/v1/chat/completions", body), 400);
            assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(e.get("message").asText()).contains("parse the JSON body");
        }
    }

    @Test
    void wrongTypesAre400NamingTheParameter() throws Exception {
        String[][] cases = {
            {chat(",\"temperature\":\"hot\""), "temperature", "invalid_type"},
            {chat(",\"max_tokens\":1.5"), "max_tokens", "invalid_type"},
            {chat(",\"stream\":\"yes\""), "stream", "invalid_type"},
            {chat(",\"stop\":[\"a\",3]"), "stop[1]", "invalid_type"},
            {chat(",\"stream_options\":{\"include_usage\":1}"), "stream_options.include_usage", "invalid_type"},
            {chat(",\"seed\":\"x\""), "seed", "invalid_type"},
            {chat(",\"logit_bias\":{\"5\":\"big\"}"), "logit_bias.5", "invalid_type"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":\"Hi\"}", "messages", "invalid_type"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"user\",\"content\":42}]}", "messages[0].content", "invalid_type"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content", "missing_required_parameter"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[\"Hi\"]}", "messages[0]", "invalid_type"},
            {"{\"model\":7,\"messages\":[]}", "model", "invalid_type"},
            {"{\"model\":\"gemma3-tiny\",\"prompt\":{\"a\":1}}", "prompt", "invalid_type"},
        };
        for (String[] c : cases) {
            String path = c[0].contains("\"prompt\"") ? "/v1/completions" : "/v1/chat/completions";
            JsonNode e = error(t.post(path, c[0]), 400);
            assertThat(e.get("param").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(e.get("code").asText()).as(c[0]).isEqualTo(c[2]);
        }
    }

    @Test
    void valuesOutOfRangeOrUnsupportedAre400() throws Exception {
        String[][] cases = {
            {chat(",\"temperature\":3"), "temperature", "invalid_value"},
            {chat(",\"top_p\":1.5"), "top_p", "invalid_value"},
            {chat(",\"max_tokens\":0"), "max_tokens", "invalid_value"},
            {chat(",\"n\":2"), "n", "unsupported_parameter"},
            {chat(",\"stop\":\"\""), "stop", "invalid_value"},
            {chat(",\"logit_bias\":{\"99999\":1}"), "logit_bias.99999", "invalid_value"},
            {chat(",\"logprobs\":true"), "logprobs", "unsupported_parameter"},
            {chat(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]"), "tools", "unsupported_parameter"},
            {chat(",\"response_format\":{\"type\":\"json_object\"}"), "response_format", "unsupported_parameter"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[]}", "messages", "invalid_value"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].role", "unsupported_parameter"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role", "invalid_value"},
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}",
                "messages[0].content[0].type", "unsupported_parameter"},
            // Gemma's template needs user and assistant turns to alternate.
            {"{\"model\":\"gemma3-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}",
                "messages", "invalid_value"},
        };
        for (String[] c : cases) {
            JsonNode e = error(t.post("/v1/chat/completions", c[0]), 400);
            assertThat(e.get("param").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(e.get("code").asText()).as(c[0]).isEqualTo(c[2]);
        }
        JsonNode batch = error(t.post("/v1/completions", "{\"model\":\"gemma3-tiny\",\"prompt\":[\"a\",\"b\"]}"), 400);
        assertThat(batch.get("param").asText()).isEqualTo("prompt");
    }

    @Test
    void aPromptLongerThanTheContextIs400ContextLengthExceeded() throws Exception {
        String longText = "word ".repeat(400); // far beyond the tiny model's 128 tokens
        JsonNode e = error(t.post("/v1/chat/completions", chat("").replace("\"Hi\"", "\"" + longText + "\"")), 400);
        assertThat(e.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(e.get("param").asText()).isEqualTo("messages");
        assertThat(e.get("message").asText()).contains("128");
        JsonNode p = error(t.post("/v1/completions", "{\"model\":\"gemma3-tiny\",\"prompt\":\"" + longText + "\"}"), 400);
        assertThat(p.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(p.get("param").asText()).isEqualTo("prompt");
    }

    @Test
    void anUnknownModelIs404AndAMissingOneIs400() throws Exception {
        JsonNode e = error(t.post("/v1/chat/completions", chat("").replace("gemma3-tiny", "gpt-4o")), 404);
        assertThat(e.get("code").asText()).isEqualTo("model_not_found");
        assertThat(e.get("param").asText()).isEqualTo("model");
        assertThat(e.get("message").asText()).contains("gpt-4o");
        assertThat(error(t.get("/v1/models/gpt-4o"), 404).get("code").asText()).isEqualTo("model_not_found");
        JsonNode missing = error(t.post("/v1/completions", "{\"prompt\":\"x\"}"), 400);
        assertThat(missing.get("param").asText()).isEqualTo("model");
        assertThat(missing.get("code").asText()).isEqualTo("missing_required_parameter");
    }

    @Test
    void bodiesOverTheLimitAre413DeclaredOrChunked() throws Exception {
        String big = chat("").replace("\"Hi\"", "\"" + "x".repeat(5000) + "\"");
        JsonNode e = error(t.post("/v1/chat/completions", big), 413);
        assertThat(e.get("code").asText()).isEqualTo("request_too_large");
        // Without a Content-Length (chunked transfer), the limit holds while reading.
        var chunked = HttpRequest.newBuilder(URI.create(t.url("/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))).build();
        assertThat(error(t.http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413).get("code").asText())
                .isEqualTo("request_too_large");
    }

    @Test
    void unknownUrlsAre404() throws Exception {
        JsonNode e = error(t.post("/v1/embeddings", "{}"), 404);
        assertThat(e.get("code").asText()).isEqualTo("unknown_url");
        assertThat(e.get("message").asText()).contains("POST /v1/embeddings");
    }

    @Test
    void aFullQueueIs429WithRetryAfter() throws Exception {
        // One slot and a queue of 4, every generation slowed to 20 ms a token: the sixth concurrent request is refused.
        try (var busy = TestServer.start(1, 4, c -> c, TestServer.slowDecoding(20))) {
            var running = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 5; i++) {
                running.add(busy.http.sendAsync(HttpRequest.newBuilder(URI.create(busy.url("/v1/chat/completions")))
                        .POST(HttpRequest.BodyPublishers.ofString(chat(",\"max_tokens\":15"))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (busy.model.stats().activeSlots() + busy.model.stats().queued() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            var res = busy.post("/v1/chat/completions", chat(""));
            JsonNode e = errorOf(busy, res, 429);
            assertThat(e.get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(res.headers().firstValue("Retry-After")).hasValue("1");
            for (var r : running) {
                assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aGenerationPastTheTimeoutIs504OrAStreamErrorEvent() throws Exception {
        try (var slow = TestServer.start(1, 4, c -> c.withRequestTimeout(Duration.ofMillis(300)), TestServer.slowDecoding(20))) {
            JsonNode e = errorOf(slow, slow.post("/v1/chat/completions", chat(",\"max_tokens\":100")), 504);
            assertThat(e.get("type").asText()).isEqualTo("timeout_error");
            assertThat(e.get("code").asText()).isEqualTo("timeout");
            var stream = slow.post("/v1/chat/completions", chat(",\"max_tokens\":100,\"stream\":true"));
            assertThat(stream.statusCode()).isEqualTo(200);
            String[] events = stream.body().split("\n\n");
            assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
            JsonNode last = slow.parse(events[events.length - 2].substring(6));
            assertThat(last.get("error").get("code").asText()).isEqualTo("timeout");
        }
    }

    @Test
    void apiKeysAreRequiredOnTheApiWhenConfigured() throws Exception {
        try (var locked = TestServer.start(1, 1, c -> c.withApiKeys(Set.of("sk-right")), CompletionHook.NONE)) {
            assertThat(errorOf(locked, locked.get("/v1/models"), 401).get("code").asText()).isEqualTo("invalid_api_key");
            var wrong = HttpRequest.newBuilder(URI.create(locked.url("/v1/models"))).header("Authorization", "Bearer sk-wrong").build();
            assertThat(errorOf(locked, locked.http.send(wrong, HttpResponse.BodyHandlers.ofString()), 401)
                    .get("message").asText()).contains("Incorrect");
            var right = HttpRequest.newBuilder(URI.create(locked.url("/v1/models"))).header("Authorization", "Bearer sk-right").build();
            assertThat(locked.http.send(right, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(locked.get("/health").statusCode()).as("health stays open for probes").isEqualTo(200);
        }
    }

    @Test
    void aliasesAreAcceptedAndListed() throws Exception {
        try (var aliased = TestServer.start(1, 1, c -> c.withModelIds(java.util.List.of("gemma3-tiny", "gpt-4o-mini")),
                CompletionHook.NONE)) {
            var res = aliased.post("/v1/chat/completions", chat(",\"max_tokens\":2").replace("gemma3-tiny", "gpt-4o-mini"));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(aliased.parse(res.body()).get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(aliased.parse(aliased.get("/v1/models").body()).get("data")).hasSize(2);
        }
    }

    private static JsonNode errorOf(TestServer server, HttpResponse<String> res, int status) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        return server.parse(res.body()).get("error");
    }
}
