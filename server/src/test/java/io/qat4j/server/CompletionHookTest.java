package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.qat4j.infer.generate.Completion;

/** The extension point governance will use: refuse before, review after, extra response fields, content_filter. */
class CompletionHookTest {

    static final class Reviewer implements CompletionHook {
        @Override
        public CompletionRequest beforeGeneration(CompletionRequest request) {
            if (request.messages().stream().anyMatch(m -> m.content().contains("forbidden"))) {
                throw new ApiException(400, "invalid_request_error", "prompt_rejected", "messages", "The prompt breaks the guidelines.");
            }
            return request;
        }

        @Override
        public CompletionReview afterGeneration(CompletionRequest request, Completion completion) {
            boolean block = request.messages().getLast().content().contains("block");
            return new CompletionReview(block, Map.of("qat4j_review", Map.of("passed", !block, "chars", completion.text().length())));
        }
    }

    static String chat(String content, boolean stream) {
        return """
                {"model":"gemma3-tiny","messages":[{"role":"user","content":"%s"}],"max_tokens":5,"temperature":0,
                 "logit_bias":{"1":-100,"328":-100},"stream":%s}""".formatted(content, stream);
    }

    @Test
    void aHookRefusesReviewsAndExtendsResponses() throws Exception {
        try (var t = TestServer.start(1, 2, c -> c, new Reviewer())) {
            var refused = t.post("/v1/chat/completions", chat("something forbidden", false));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(t.parse(refused.body()).get("error").get("code").asText()).isEqualTo("prompt_rejected");

            JsonNode ok = t.parse(t.post("/v1/chat/completions", chat("hello", false)).body());
            assertThat(ok.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
            assertThat(ok.get("qat4j_review").get("passed").asBoolean()).isTrue();
            assertThat(ok.get("qat4j_review").get("chars").asInt())
                    .isEqualTo(ok.get("choices").get(0).get("message").get("content").asText().length());

            JsonNode blocked = t.parse(t.post("/v1/chat/completions", chat("please block", false)).body());
            assertThat(blocked.get("choices").get(0).get("finish_reason").asText()).isEqualTo("content_filter");
            assertThat(blocked.get("choices").get(0).get("message").get("content").asText()).isEmpty();
            assertThat(blocked.get("qat4j_review").get("passed").asBoolean()).isFalse();

            String[] events = t.post("/v1/chat/completions", chat("please block", true)).body().split("\n\n");
            assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
            JsonNode last = t.parse(events[events.length - 2].substring(6));
            assertThat(last.get("choices").get(0).get("finish_reason").asText()).isEqualTo("content_filter");
            assertThat(last.get("qat4j_review").get("passed").asBoolean()).isFalse();
        }
    }
}
