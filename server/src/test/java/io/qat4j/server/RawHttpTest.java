package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.sampling.SamplerConfig;

/** The wire format, checked with a plain HTTP client: SSE framing byte for byte, models, health, metrics. */
class RawHttpTest {
    static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start(2, 8);
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** What the in-process API answers for the same conversation, greedy, with the end of turn banned. */
    static Completion reference(List<ChatMessage> messages, int maxTokens) {
        return reference(t, messages, maxTokens);
    }

    static Completion reference(TestServer t, List<ChatMessage> messages, int maxTokens) {
        return t.model.chat(messages, GenerationOptions.of(maxTokens, SamplerConfig.GREEDY).withProcessors(TestServer.banEndOfTurn()));
    }

    // The user's content comes as two text parts; Gemma 3's template trims each and joins them with nothing between.
    static final List<ChatMessage> CHAT = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hellothere"));
    static final String CHAT_BODY = """
            {"model":"gemma3-tiny","messages":[{"role":"system","content":"Be brief."},
             {"role":"user","content":[{"type":"text","text":"Hello"},{"type":"text","text":" there"}]}],
             "temperature":0,"max_tokens":12,"logit_bias":{"1":-100,"328":-100},"unknown_field":{"x":[1,2]},
             "stream":true,"stream_options":{"include_usage":true}}""";

    @Test
    void aStreamIsDataEventsEndingWithDoneAndAUsageChunk() throws Exception {
        var res = t.post("/v1/chat/completions", CHAT_BODY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        String body = res.body();
        // The whole body is a sequence of "data: {json}\n\n" events and then "data: [DONE]\n\n", nothing else.
        assertThat(body).matches(Pattern.compile("(data: \\{[^\\n]*\\}\\n\\n)+data: \\[DONE\\]\\n\\n", Pattern.DOTALL));
        List<JsonNode> events = new ArrayList<>();
        for (String e : body.split("\n\n")) {
            if (!e.equals("data: [DONE]")) {
                events.add(t.parse(e.substring("data: ".length())));
            }
        }
        Completion expected = reference(CHAT, 12);
        String id = events.getFirst().get("id").asText();
        assertThat(id).startsWith("chatcmpl-");
        var text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("id").asText()).isEqualTo(id);
            assertThat(e.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(e.get("model").asText()).isEqualTo("gemma3-tiny");
            assertThat(e.has("created")).isTrue();
            boolean usageChunk = i == events.size() - 1;
            if (usageChunk) {
                assertThat(e.get("choices")).isEmpty();
                assertThat(e.get("usage").get("prompt_tokens").asInt()).isEqualTo(expected.promptTokens());
                assertThat(e.get("usage").get("completion_tokens").asInt()).isEqualTo(12);
                assertThat(e.get("usage").get("total_tokens").asInt()).isEqualTo(expected.promptTokens() + 12);
                continue;
            }
            assertThat(e.get("usage").isNull()).isTrue();
            JsonNode choice = e.get("choices").get(0);
            assertThat(choice.get("index").asInt()).isZero();
            if (i == 0) {
                assertThat(choice.get("delta").get("role").asText()).isEqualTo("assistant");
            }
            boolean last = i == events.size() - 2;
            assertThat(choice.get("finish_reason").isNull()).isEqualTo(!last);
            if (last) {
                assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
                assertThat(choice.get("delta")).isEmpty();
            }
            if (choice.get("delta").has("content")) {
                text.append(choice.get("delta").get("content").asText());
            }
        }
        assertThat(expected.completionTokens()).isEqualTo(12);
        assertThat(text.toString()).isEqualTo(expected.text()).isNotEmpty();
    }

    @Test
    void aNonStreamedChatCompletionEqualsTheInProcessAnswer() throws Exception {
        var res = t.post("/v1/chat/completions", CHAT_BODY.replace("\"stream\":true", "\"stream\":false"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode r = t.parse(res.body());
        Completion expected = reference(CHAT, 12);
        assertThat(r.get("object").asText()).isEqualTo("chat.completion");
        assertThat(r.get("model").asText()).isEqualTo("gemma3-tiny");
        JsonNode choice = r.get("choices").get(0);
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isEqualTo(expected.text());
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(expected.promptTokens());
        assertThat(r.get("usage").get("completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void aTextCompletionStreamsTextChunks() throws Exception {
        var res = t.post("/v1/completions", """
                {"model":"gemma3-tiny","prompt":"Once upon a time","temperature":0,"max_tokens":6,
                 "logit_bias":{"1":-100,"328":-100},"stream":true}""");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).matches(Pattern.compile("(data: \\{[^\\n]*\\}\\n\\n)+data: \\[DONE\\]\\n\\n", Pattern.DOTALL));
        var text = new StringBuilder();
        String finish = null;
        for (String e : res.body().split("\n\n")) {
            if (e.equals("data: [DONE]")) {
                continue;
            }
            JsonNode chunk = t.parse(e.substring(6));
            assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
            assertThat(chunk.has("usage")).as("no usage without stream_options").isFalse();
            text.append(chunk.get("choices").get(0).get("text").asText());
            if (!chunk.get("choices").get(0).get("finish_reason").isNull()) {
                finish = chunk.get("choices").get(0).get("finish_reason").asText();
            }
        }
        Completion expected = t.model.generate("Once upon a time",
                GenerationOptions.of(6, SamplerConfig.GREEDY).withProcessors(TestServer.banEndOfTurn()));
        assertThat(text.toString()).isEqualTo(expected.text());
        assertThat(finish).isEqualTo("length");
    }

    @Test
    void textCompletionsDefaultToSixteenTokensAndAcceptTokenIdPrompts() throws Exception {
        var res = t.post("/v1/completions", """
                {"model":"gemma3-tiny","prompt":[2,100,101,102],"temperature":0,"logit_bias":{"1":-100,"328":-100}}""");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode r = t.parse(res.body());
        assertThat(r.get("object").asText()).isEqualTo("text_completion");
        assertThat(r.get("id").asText()).startsWith("cmpl-");
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(r.get("usage").get("completion_tokens").asInt()).isEqualTo(16);
        assertThat(r.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void stopStringsEndTheAnswerBeforeThem() throws Exception {
        Completion full = reference(List.of(ChatMessage.user("Tell me")), 20);
        org.junit.jupiter.api.Assumptions.assumeTrue(full.text().length() >= 6, "reference text too short: " + full.text());
        String stop = full.text().substring(3, 5);
        var res = t.post("/v1/chat/completions", """
                {"model":"gemma3-tiny","messages":[{"role":"user","content":"Tell me"}],"temperature":0,"max_tokens":20,
                 "logit_bias":{"1":-100,"328":-100},"stop":[%s, "never-appears-xyz"]}""".formatted(t.json.writeValueAsString(stop)));
        JsonNode r = t.parse(res.body());
        assertThat(r.get("choices").get(0).get("message").get("content").asText())
                .isEqualTo(full.text().substring(0, full.text().indexOf(stop)));
        assertThat(r.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void theSameSeedGivesTheSameSampledAnswer() throws Exception {
        String body = """
                {"model":"gemma3-tiny","messages":[{"role":"user","content":"Hi"}],"temperature":1.0,"top_p":0.9,
                 "seed":1234,"max_completion_tokens":15}""";
        String a = t.parse(t.post("/v1/chat/completions", body).body()).get("choices").get(0).get("message").get("content").asText();
        String b = t.parse(t.post("/v1/chat/completions", body).body()).get("choices").get(0).get("message").get("content").asText();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        var res = t.get("/v1/models");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode r = t.parse(res.body());
        assertThat(r.get("object").asText()).isEqualTo("list");
        assertThat(r.get("data")).hasSize(1);
        JsonNode m = r.get("data").get(0);
        assertThat(m.get("id").asText()).isEqualTo("gemma3-tiny");
        assertThat(m.get("object").asText()).isEqualTo("model");
        assertThat(m.get("owned_by").asText()).isEqualTo("qat4j");
        assertThat(m.get("created").asLong()).isEqualTo(
                java.nio.file.Files.getLastModifiedTime(TestServer.modelPath()).toInstant().getEpochSecond());
        assertThat(t.parse(t.get("/v1/models/gemma3-tiny").body()).get("id").asText()).isEqualTo("gemma3-tiny");
        assertThat(t.get("/v1/models/other").statusCode()).isEqualTo(404);
    }

    @Test
    void healthReportsSlotsAndQueue() throws Exception {
        var res = t.get("/health");
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode r = t.parse(res.body());
        assertThat(r.get("status").asText()).isEqualTo("ok");
        assertThat(r.get("model").asText()).isEqualTo("gemma3-tiny");
        assertThat(r.get("slots").asInt()).isEqualTo(2);
        assertThat(r.get("active_slots").asInt()).isZero();
        assertThat(r.get("queued").asInt()).isZero();
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        var stats = t.model.stats();
        t.post("/v1/completions", """
                {"model":"gemma3-tiny","prompt":"abc","temperature":0,"max_tokens":5,"logit_bias":{"1":-100,"328":-100}}""");
        t.post("/v1/completions", "{not json");
        t.post("/v1/no-such-route", "{}");
        var res = t.get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        String m = res.body();
        assertThat(m).contains("# TYPE qat4j_http_requests_total counter", "# TYPE qat4j_time_to_first_token_seconds histogram",
                "# TYPE qat4j_generation_duration_seconds histogram", "# TYPE qat4j_queue_depth gauge",
                "# TYPE qat4j_slots_active gauge", "# TYPE qat4j_generation_tokens_per_second gauge");
        assertThat(TestServer.metric(m, "qat4j_http_requests_total{endpoint=\"/v1/completions\",method=\"POST\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(TestServer.metric(m, "qat4j_http_requests_total{endpoint=\"/v1/completions\",method=\"POST\",status=\"400\"}"))
                .isGreaterThanOrEqualTo(1);
        // Unknown paths share one label, so scanning random URLs cannot multiply the series.
        assertThat(TestServer.metric(m, "qat4j_http_requests_total{endpoint=\"unmatched\",method=\"POST\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(m).doesNotContain("no-such-route");
        assertThat(TestServer.metric(m, "qat4j_generated_tokens_total")).isGreaterThanOrEqualTo(stats.generatedTokens() + 5);
        assertThat(TestServer.metric(m, "qat4j_prompt_tokens_total")).isGreaterThanOrEqualTo(stats.promptTokens() + 4);
        assertThat(TestServer.metric(m, "qat4j_completions_total{endpoint=\"/v1/completions\",finish_reason=\"length\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(TestServer.metric(m, "qat4j_time_to_first_token_seconds_count{endpoint=\"/v1/completions\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(TestServer.metric(m, "qat4j_slots")).isEqualTo(2);
        assertThat(TestServer.metric(m, "qat4j_queue_depth")).isZero();
    }
}
