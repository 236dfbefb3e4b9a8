package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.server.governance.GovernanceSetup;

/**
 * Completions under a guideline file (issue 5 item 4): requests refused by prompt rules, answers
 * checked, fixed, re-asked or blocked, the verdict in an extension field, and streams that never
 * leak a blocked or unfixed answer.
 */
class GovernedCompletionsTest {
    static final String SYSTEM = "You write on behalf of QAT4J Cloud.";

    static String guideline(String rules) {
        return "name: server-test\nversion: \"1\"\nrules:\n" + rules.stripIndent().lines().map(l -> "  " + l + "\n")
                .reduce("", String::concat);
    }

    /** Only advice: answers stream live and are never changed. */
    static final String WARN_ONLY = guideline("""
            - id: calm
              kind: exclamation-marks
              severity: warning
              on_fail: warn
              max: 0
            - id: brand-system-prompt
              kind: system-prompt
              severity: error
              on_fail: block
              must_contain: [You write on behalf of QAT4J Cloud.]
            """);

    /** Blocks every non-empty answer. */
    static final String BLOCK_ALL = guideline("""
            - id: nothing-goes-out
              kind: forbidden-claims
              severity: error
              on_fail: block
              patterns: ['\\S']
            """);

    /** Appends a disclaimer to every answer. */
    static final String DISCLAIM_ALL = guideline("""
            - id: disclose
              kind: required-disclaimer
              severity: error
              on_fail: fix
              when: {patterns: ['\\S']}
              disclaimer: AI-generated text.
            """);

    /** Asks again for every answer (no answer of the tiny model has 1000 words). */
    static final String REASK_ALL = guideline("""
            - id: long-enough
              kind: length
              severity: warning
              on_fail: reask
              channels: {default: {min_words: 1000}}
            """);

    /** The official OpenAI client, closable. */
    record Sdk(OpenAIClient client) implements AutoCloseable {
        static Sdk of(TestServer t) {
            return new Sdk(OpenAIOkHttpClient.builder().baseUrl(t.server.url() + "/v1").apiKey("none").maxRetries(0)
                    .timeout(Duration.ofSeconds(30)).build());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    static TestServer serve(String yaml) throws Exception {
        return TestServer.start(2, 8, c -> c, (b, m) -> GovernanceSetup.apply(b, m, yaml, "test.yaml", null, 2));
    }

    static String chat(boolean stream, int maxTokens, String system, String user) {
        return """
                {"model":"gemma3-tiny","messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"}],
                 "max_tokens":%d,"temperature":0,"logit_bias":{"1":-100,"328":-100},"stream":%s}"""
                .formatted(system, user, maxTokens, stream);
    }

    /** The JSON events of an SSE body, and a check that it ends with [DONE]. */
    static List<JsonNode> events(TestServer t, String body) throws Exception {
        String[] parts = body.split("\n\n");
        assertThat(parts[parts.length - 1]).isEqualTo("data: [DONE]");
        var out = new ArrayList<JsonNode>();
        for (String p : parts) {
            if (p.startsWith("data: {")) {
                out.add(t.parse(p.substring(6)));
            }
        }
        return out;
    }

    static String content(JsonNode chunk) {
        JsonNode c = chunk.get("choices").get(0).path("delta").get("content");
        return c == null || c.isNull() ? "" : c.asText();
    }

    @Test
    void theCheckEndpointChecksTextsAndRequestsWithoutGenerating() throws Exception {
        try (var t = serve(DISCLAIM_ALL + """
                  - id: sampling
                    kind: generation-limits
                    severity: error
                    on_fail: block
                    temperature: {max: 1.0}
                """)) {
            long before = t.model.stats().requests();
            JsonNode v = t.parse(t.post("/v1/governance/check", "{\"text\":\"Our offer.\"}").body());
            assertThat(v.get("guideline").asText()).isEqualTo("server-test");
            assertThat(v.get("findings").get(0).get("rule_id").asText()).isEqualTo("disclose");
            assertThat(v.get("passed").asBoolean()).isFalse();
            JsonNode fixed = t.parse(t.post("/v1/governance/check", "{\"text\":\"Our offer.\",\"fix\":true}").body());
            assertThat(fixed.get("fixed_text").asText()).isEqualTo("Our offer.\n\nAI-generated text.");
            assertThat(fixed.get("passed").asBoolean()).isTrue();
            JsonNode request = t.parse(t.post("/v1/governance/check", "{\"request\":{\"temperature\":1.5}}").body());
            assertThat(request.get("blocked").asBoolean()).isTrue();
            assertThat(request.get("findings").get(0).get("target").asText()).isEqualTo("temperature");
            assertThat(t.post("/v1/governance/check", "{\"channel\":\"x\"}").statusCode()).isEqualTo(400);
            assertThat(t.model.stats().requests()).as("nothing was generated").isEqualTo(before);
        }
    }

    @Test
    void aRequestThatBreaksAPromptRuleIsRefusedWithItsVerdict() throws Exception {
        try (var t = serve(WARN_ONLY)) {
            long before = t.model.stats().requests();
            var res = t.post("/v1/chat/completions", chat(false, 5, "Be brief.", "Hi"));
            assertThat(res.statusCode()).isEqualTo(400);
            JsonNode body = t.parse(res.body());
            assertThat(body.get("error").get("code").asText()).isEqualTo("guideline_violation");
            assertThat(body.get("error").get("param").asText()).isEqualTo("messages");
            assertThat(body.get("error").get("message").asText()).contains("brand-system-prompt");
            assertThat(body.get("qat4j_verdict").get("blocked").asBoolean()).isTrue();
            assertThat(t.model.stats().requests()).isEqualTo(before);

            try (var sdk = Sdk.of(t)) {
                assertThatThrownBy(() -> sdk.client().chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gemma3-tiny").addSystemMessage("Be brief.").addUserMessage("Hi").build()))
                        .isInstanceOf(BadRequestException.class).hasMessageContaining("brand-system-prompt");
            }
        }
    }

    @Test
    void everyCompletionCarriesTheVerdictWhichTheOpenAiClientReadsAsRawJson() throws Exception {
        try (var t = serve(WARN_ONLY); var sdk = Sdk.of(t)) {
            var client = sdk.client();
            var params = ChatCompletionCreateParams.builder().model("gemma3-tiny").addSystemMessage(SYSTEM)
                    .addUserMessage("Where is my order?").temperature(0.0).maxCompletionTokens(8)
                    .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                            .putAdditionalProperty("1", JsonValue.from(-100))
                            .putAdditionalProperty("328", JsonValue.from(-100)).build()).build();
            ChatCompletion c = client.chat().completions().create(params);
            c.validate();
            JsonValue verdict = c._additionalProperties().get("qat4j_verdict");
            assertThat(verdict).as("the extension field reaches the client").isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) verdict.convert(Map.class);
            assertThat(v).containsEntry("guideline", "server-test").containsEntry("blocked", false).containsKey("score");
            assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
            var reference = RawHttpTest.reference(t, List.of(ChatMessage.system(SYSTEM), ChatMessage.user("Where is my order?")), 8);
            assertThat(c.choices().getFirst().message().content()).hasValue(reference.text());

            // Streamed under advice-only rules (live): the same text, the verdict on the last chunk.
            var chunks = new ArrayList<ChatCompletionChunk>();
            try (var stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunks::add);
            }
            String streamed = chunks.stream().filter(ch -> !ch.choices().isEmpty())
                    .map(ch -> ch.choices().getFirst().delta().content().orElse("")).reduce("", String::concat);
            assertThat(streamed).isEqualTo(reference.text());
            ChatCompletionChunk last = chunks.getLast();
            assertThat(last._additionalProperties()).containsKey("qat4j_verdict");
            assertThat(last._additionalProperties().get("qat4j_governance").toString()).contains("passed");
        }
    }

    @Test
    void aBlockedAnswerNeverLeaksAndAStreamEndsWithContentFilter() throws Exception {
        try (var t = serve(BLOCK_ALL)) {
            JsonNode answer = t.parse(t.post("/v1/chat/completions", chat(false, 8, SYSTEM, "Hello")).body());
            var choice = answer.get("choices").get(0);
            assertThat(choice.get("finish_reason").asText()).isEqualTo("content_filter");
            assertThat(choice.get("message").get("content").asText()).isEmpty();
            assertThat(answer.get("qat4j_verdict").get("blocked").asBoolean()).isTrue();
            assertThat(answer.get("qat4j_governance").get("status").asText()).isEqualTo("blocked");

            var res = t.post("/v1/chat/completions", chat(true, 8, SYSTEM, "Hello"));
            List<JsonNode> events = events(t, res.body());
            assertThat(events).allSatisfy(e -> assertThat(content(e)).as("no text leaks").isEmpty());
            JsonNode last = events.getLast();
            assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("content_filter");
            assertThat(last.get("qat4j_verdict").get("blocked").asBoolean()).isTrue();

            try (var sdk = Sdk.of(t);
                 var stream = sdk.client().chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                         .model("gemma3-tiny").addSystemMessage(SYSTEM).addUserMessage("Hello").temperature(0.0)
                         .maxCompletionTokens(8).build())) {
                var chunks = stream.stream().toList();
                assertThat(chunks.getLast().choices().getFirst().finishReason())
                        .hasValue(ChatCompletionChunk.Choice.FinishReason.CONTENT_FILTER);
            }
        }
    }

    @Test
    void fixesApplyBeforeAnythingIsSentInAnswersAndStreams() throws Exception {
        try (var t = serve(DISCLAIM_ALL)) {
            var generated = RawHttpTest.reference(t, List.of(ChatMessage.system(SYSTEM), ChatMessage.user("Hello")), 8).text();
            JsonNode answer = t.parse(t.post("/v1/chat/completions", chat(false, 8, SYSTEM, "Hello")).body());
            assertThat(answer.get("choices").get(0).get("message").get("content").asText())
                    .isEqualTo(generated.stripTrailing() + "\n\nAI-generated text.");
            assertThat(answer.get("qat4j_governance").get("changed").asBoolean()).isTrue();
            // The verdict is the fixed text's (clean); what made the change is reported beside it.
            assertThat(answer.get("qat4j_verdict").get("findings")).isEmpty();
            assertThat(answer.get("qat4j_governance").get("findings_before_changes").toString()).isEqualTo("[\"disclose\"]");
            assertThat(answer.get("qat4j_verdict").get("passed").asBoolean()).isTrue();

            List<JsonNode> events = events(t, t.post("/v1/chat/completions", chat(true, 8, SYSTEM, "Hello")).body());
            var texts = events.stream().map(GovernedCompletionsTest::content).filter(s -> !s.isEmpty()).toList();
            assertThat(texts).as("held, then sent once, fixed").containsExactly(generated.stripTrailing()
                    + "\n\nAI-generated text.");
            assertThat(events.getLast().get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void aReaskThatNoLongerFitsTheContextLeavesTheAnswerForReview() throws Exception {
        // The tiny model's context (128 tokens) cannot hold the feedback of a re-ask: the first answer is
        // decided on (bounded re-asking itself is tested in guard's GuardedGeneratorTest).
        try (var t = serve(REASK_ALL)) {
            var res = t.post("/v1/chat/completions", chat(false, 6, SYSTEM, "Hello"));
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode answer = t.parse(res.body());
            assertThat(answer.get("qat4j_governance").get("attempts").asInt()).isEqualTo(1);
            assertThat(answer.get("qat4j_governance").get("status").asText()).isEqualTo("needs_review");
            assertThat(answer.get("qat4j_verdict").get("findings").get(0).get("rule_id").asText()).isEqualTo("long-enough");
            assertThat(answer.get("choices").get(0).get("message").get("content").asText()).isNotEmpty();
        }
    }

    @Test
    void bannedTermsAreMaskedWhileTheModelWrites() throws Exception {
        // Greedy, the tiny model answers "Write a post." with the whole word "ss" between replacement characters.
        var conversation = List.of(ChatMessage.system(SYSTEM), ChatMessage.user("Write a post."));
        Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}])ss(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);
        try (var t = serve(guideline("""
                - id: rivals
                  kind: competitors
                  severity: warning
                  on_fail: warn
                  names: [ss]
                """))) {
            String ungoverned = RawHttpTest.reference(t, conversation, 24).text();
            assertThat(word.matcher(ungoverned).find()).as("the unconstrained answer has it: " + ungoverned).isTrue();
            JsonNode answer = t.parse(t.post("/v1/chat/completions", chat(false, 24, SYSTEM, "Write a post.")).body());
            String governed = answer.get("choices").get(0).get("message").get("content").asText();
            assertThat(word.matcher(governed).find()).as(governed).isFalse();
            assertThat(answer.get("qat4j_verdict").get("findings")).isEmpty();
        }
    }
}
