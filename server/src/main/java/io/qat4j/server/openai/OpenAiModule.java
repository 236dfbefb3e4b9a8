package io.qat4j.server.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.server.ApiException;
import io.qat4j.server.ApiModule;
import io.qat4j.server.CompletionHook;
import io.qat4j.server.CompletionRequest;
import io.qat4j.server.JsonBody;
import io.qat4j.server.JsonFields;
import io.qat4j.server.ServerContext;

/**
 * The OpenAI-compatible API: {@code POST /v1/chat/completions}, {@code POST /v1/completions},
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}.
 */
public final class OpenAiModule implements ApiModule {
    static final String CHAT = "/v1/chat/completions";
    static final String TEXT = "/v1/completions";
    /** OpenAI's default limit for text completions; chat completions are limited by the context only. */
    static final int TEXT_DEFAULT_MAX_TOKENS = 16;

    private final CompletionHook hook;

    public OpenAiModule(CompletionHook hook) {
        this.hook = hook;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        var ids = new ModelIds(server.config().modelIds(), modified(server.model()));
        var responder = new CompletionResponder(server, hook);
        routes.post(CHAT, ctx -> chat(ctx, server, ids, responder));
        routes.post(TEXT, ctx -> text(ctx, server, ids, responder));
        routes.get("/v1/models", ctx -> ctx.contentType("application/json")
                .result(server.json().writeValueAsBytes(ids.list(server.json()))));
        routes.get("/v1/models/{id}", ctx -> {
            String id = ctx.pathParam("id");
            if (!ids.contains(id)) {
                throw ApiException.modelNotFound(id);
            }
            ctx.contentType("application/json").result(server.json().writeValueAsBytes(ids.entry(server.json(), id)));
        });
    }

    private void chat(Context ctx, ServerContext server, ModelIds ids, CompletionResponder responder) throws IOException {
        var body = new JsonFields(JsonBody.read(ctx, server.config().maxBodyBytes(), server.json()));
        LocalModel model = server.model();
        String modelId = ids.resolve(body);
        List<ChatMessage> messages = ChatMessages.parse(body);
        var params = CompletionParams.parse(body, model.tokenizer().vocabSize());
        String prompt;
        try {
            prompt = model.chatPrompt(messages);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidValue("messages", e.getMessage());
        }
        int[] tokens = model.chatPromptTokens(prompt);
        var request = new CompletionRequest(CHAT, modelId, messages, prompt, tokens,
                params.options(model.contextSize(), server.config().requestTimeout()), params.stream(),
                params.includeUsage(), body.node());
        responder.respond(ctx, request, ResponseShape.CHAT, "messages");
    }

    private void text(Context ctx, ServerContext server, ModelIds ids, CompletionResponder responder) throws IOException {
        var body = new JsonFields(JsonBody.read(ctx, server.config().maxBodyBytes(), server.json()));
        LocalModel model = server.model();
        String modelId = ids.resolve(body);
        var prompt = TextPrompt.parse(body, model);
        var params = CompletionParams.parse(body, model.tokenizer().vocabSize());
        var request = new CompletionRequest(TEXT, modelId, List.of(), prompt.text(), prompt.tokens(),
                params.options(TEXT_DEFAULT_MAX_TOKENS, server.config().requestTimeout()), params.stream(),
                params.includeUsage(), body.node());
        responder.respond(ctx, request, ResponseShape.TEXT, "prompt");
    }

    private static long modified(LocalModel model) {
        try {
            return Files.getLastModifiedTime(model.path()).toInstant().getEpochSecond();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modification time of " + model.path(), e);
        }
    }
}
