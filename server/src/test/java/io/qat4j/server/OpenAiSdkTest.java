package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionCreateParams;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.generate.Completion;

/** The official OpenAI Java SDK, unchanged, against the server. */
class OpenAiSdkTest {
    static TestServer t;
    static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        t = TestServer.start(2, 8);
        client = OpenAIOkHttpClient.builder().baseUrl(t.server.url() + "/v1").apiKey("not-needed")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (t != null) {
            t.close();
        }
    }

    static ChatCompletionCreateParams.Builder params(int maxTokens) {
        return ChatCompletionCreateParams.builder().model("gemma3-tiny")
                .addSystemMessage("You are a support assistant.").addUserMessage("Where is my order?")
                .temperature(0.0).maxCompletionTokens(maxTokens)
                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                        .putAdditionalProperty(Integer.toString(TestServer.EOS), JsonValue.from(-100))
                        .putAdditionalProperty(Integer.toString(TestServer.END_OF_TURN), JsonValue.from(-100)).build());
    }

    static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.system("You are a support assistant."),
            ChatMessage.user("Where is my order?"));

    @Test
    void aChatCompletion() {
        ChatCompletion c = client.chat().completions().create(params(10).build());
        Completion expected = RawHttpTest.reference(t, CONVERSATION, 10);
        var choice = c.choices().getFirst();
        assertThat(choice.message().content()).hasValue(expected.text());
        assertThat(expected.text()).isNotEmpty();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.model()).isEqualTo("gemma3-tiny");
        var usage = c.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(expected.promptTokens()).isEqualTo(t.model.chatTokens(CONVERSATION).length);
        assertThat(usage.completionTokens()).isEqualTo(10);
        assertThat(usage.totalTokens()).isEqualTo(expected.promptTokens() + 10);
        c.validate(); // every field the SDK requires is present and well typed
    }

    @Test
    void aStreamedChatCompletionWithUsage() {
        var params = params(10).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        var text = new StringBuilder();
        var finishReasons = new ArrayList<ChatCompletionChunk.Choice.FinishReason>();
        var usages = new ArrayList<com.openai.models.completions.CompletionUsage>();
        try (var stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.validate();
                chunk.usage().ifPresent(usages::add);
                for (var choice : chunk.choices()) {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(finishReasons::add);
                }
            });
        }
        Completion expected = RawHttpTest.reference(t, CONVERSATION, 10);
        assertThat(text.toString()).isEqualTo(expected.text());
        assertThat(finishReasons).containsExactly(ChatCompletionChunk.Choice.FinishReason.LENGTH);
        assertThat(usages).hasSize(1);
        assertThat(usages.getFirst().promptTokens()).isEqualTo(expected.promptTokens());
        assertThat(usages.getFirst().completionTokens()).isEqualTo(10);
    }

    @Test
    void aModelThatEndsItsTurnFinishesWithStop() {
        // Without the bias the end of turn may be drawn; whatever the in-process API does, the server reports the same.
        var params = ChatCompletionCreateParams.builder().model("gemma3-tiny").addUserMessage("Hi").temperature(0.0)
                .maxCompletionTokens(100).build();
        ChatCompletion c = client.chat().completions().create(params);
        Completion expected = t.model.chat(List.of(ChatMessage.user("Hi")),
                io.qat4j.infer.generate.GenerationOptions.of(100, io.qat4j.infer.sampling.SamplerConfig.GREEDY));
        assertThat(c.choices().getFirst().message().content()).hasValue(expected.text());
        assertThat(c.choices().getFirst().finishReason().asString()).isEqualTo(expected.finishReason().openAiName());
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(expected.completionTokens());
    }

    @Test
    void keepAliveCommentsInAQuietStreamDoNotDisturbTheSdk() throws Exception {
        // 60 ms per token and a comment after 15 ms of quiet: comments fall between the chunks.
        try (var slow = TestServer.start(1, 2, c -> c.withKeepAliveInterval(Duration.ofMillis(15)), TestServer.slowDecoding(60))) {
            OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(slow.server.url() + "/v1").apiKey("x").maxRetries(0).build();
            String raw = slow.post("/v1/chat/completions", """
                    {"model":"gemma3-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":4,"stream":true}""").body();
            assertThat(raw).contains(": keep-alive\n\n").endsWith("data: [DONE]\n\n");
            var text = new StringBuilder();
            var usage = new ArrayList<Long>();
            try (var stream = sdk.chat().completions().createStreaming(ChatCompletionCreateParams.builder().model("gemma3-tiny")
                    .addUserMessage("Hi").temperature(0.0).maxCompletionTokens(4)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(chunk -> {
                    chunk.usage().ifPresent(u -> usage.add(u.completionTokens()));
                    chunk.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
                });
            }
            assertThat(usage).containsExactly(4L);
            assertThat(text.toString()).isEqualTo(RawHttpTest.reference(slow, List.of(ChatMessage.user("Hi")), 4).text());
            sdk.close();
        }
    }

    @Test
    void aTextCompletion() {
        var c = client.completions().create(CompletionCreateParams.builder().model("gemma3-tiny").prompt("The weather")
                .temperature(0.0).maxTokens(7).build());
        c.validate();
        assertThat(c.choices().getFirst().finishReason().asString()).isIn("stop", "length");
        assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(t.model.textTokens("The weather").length);
    }

    @Test
    void modelsAndErrorsAsTheSdkSeesThem() {
        var models = client.models().list().data();
        assertThat(models).extracting(m -> m.id()).containsExactly("gemma3-tiny");
        assertThatThrownBy(() -> client.chat().completions().create(params(5).model("gpt-4o").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("gpt-4o");
        assertThatThrownBy(() -> client.chat().completions().create(params(5).n(3).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("'n' must be 1");
    }
}
