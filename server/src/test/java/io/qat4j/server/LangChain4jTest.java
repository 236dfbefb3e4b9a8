package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.generate.Completion;

/** LangChain4j's OpenAI chat models, unchanged, against the server (the streaming one always asks for usage). */
class LangChain4jTest {
    static TestServer t;
    static final Map<String, Integer> BAN_END = Map.of(Integer.toString(TestServer.EOS), -100,
            Integer.toString(TestServer.END_OF_TURN), -100);
    static final List<ChatMessage> CONVERSATION = List.of(ChatMessage.system("Summarise in one line."),
            ChatMessage.user("The parcel left the depot on Monday."));

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

    @Test
    void theStreamingChatModel() throws Exception {
        var model = OpenAiStreamingChatModel.builder().baseUrl(t.server.url() + "/v1").apiKey("not-needed")
                .modelName("gemma3-tiny").temperature(0.0).maxTokens(9).logitBias(BAN_END)
                .timeout(Duration.ofSeconds(30)).build();
        var done = new CompletableFuture<ChatResponse>();
        var partial = new StringBuilder();
        model.chat(List.of(SystemMessage.from("Summarise in one line."), UserMessage.from("The parcel left the depot on Monday.")),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String text) {
                        partial.append(text);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse r = done.get(30, TimeUnit.SECONDS);
        Completion expected = RawHttpTest.reference(t, CONVERSATION, 9);
        assertThat(r.aiMessage().text()).isEqualTo(expected.text()).isEqualTo(partial.toString());
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.tokenUsage().inputTokenCount()).isEqualTo(expected.promptTokens());
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(9);
        assertThat(r.tokenUsage().totalTokenCount()).isEqualTo(expected.promptTokens() + 9);
        assertThat(r.metadata().modelName()).isEqualTo("gemma3-tiny");
    }

    @Test
    void theChatModel() {
        var model = OpenAiChatModel.builder().baseUrl(t.server.url() + "/v1").apiKey("not-needed").modelName("gemma3-tiny")
                .temperature(0.0).maxTokens(9).logitBias(BAN_END).timeout(Duration.ofSeconds(30)).maxRetries(0).build();
        ChatResponse r = model.chat(SystemMessage.from("Summarise in one line."), UserMessage.from("The parcel left the depot on Monday."));
        Completion expected = RawHttpTest.reference(t, CONVERSATION, 9);
        assertThat(r.aiMessage().text()).isEqualTo(expected.text());
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.tokenUsage().inputTokenCount()).isEqualTo(expected.promptTokens());
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(9);
    }
}
