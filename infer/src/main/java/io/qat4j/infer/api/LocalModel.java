package io.qat4j.infer.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.core.tokenizer.ChatTemplate;
import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.KvCache;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.GenerationEngine;
import io.qat4j.infer.generate.GenerationHandle;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.generate.TokenSink;

/**
 * A Gemma 3 model loaded for generation, the in-process API of qat4j (and what {@code qat4j serve}
 * runs on). Thread-safe: concurrent calls share the model and are batched together by its engine.
 *
 * <pre>{@code
 * try (LocalModel m = Qat4j.load(Path.of("gemma-3-1b-it-q4_0.gguf"))) {
 *     String answer = m.chat(List.of(ChatMessage.user("Hello!")), GenerationOptions.of(64, SamplerConfig.defaults(1))).text();
 * }
 * }</pre>
 */
public final class LocalModel implements AutoCloseable {
    /** Prompt tokens one engine step evaluates for a sequence (bounds the latency other sequences see). */
    static final int PREFILL_CHUNK = 128;

    private final Path path;
    private final Gemma3Model model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final GenerationEngine engine;

    LocalModel(Path path, ModelOptions options) throws IOException {
        this.path = path;
        this.model = Gemma3Model.load(path, options.threads());
        try {
            this.tokenizer = options.tokenizer() != null ? Tokenizers.load(options.tokenizer())
                    : SentencePieceTokenizer.fromGguf(model.file().metadata());
            this.template = ChatTemplate.gemma3();
            int ctx = contextSize(options, model.config());
            this.engine = new GenerationEngine(model, tokenizer, new GenerationEngine.Config(options.slots(), ctx,
                    options.queueCapacity(), PREFILL_CHUNK, options.reusePrefixes()));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The context size a model with {@code config} gets under {@code options}. */
    static int contextSize(ModelOptions options, Gemma3Config config) {
        int ctx = options.contextSize() > 0 ? options.contextSize() : Math.min(4096, config.contextLength());
        if (ctx > config.contextLength()) {
            throw new IllegalArgumentException("context size " + ctx + " exceeds the model's trained context "
                    + config.contextLength());
        }
        return ctx;
    }

    /**
     * The heap the KV caches of every slot take for a model with {@code config} loaded with
     * {@code options}, computed before loading (to decide whether prefix reuse fits in memory).
     */
    public static long kvCacheBytes(Gemma3Config config, ModelOptions options) {
        int ctx = contextSize(options, config);
        return options.slots() * KvCache.bytes(config, ctx, Math.min(PREFILL_CHUNK, ctx), options.reusePrefixes());
    }

    /** Generates a continuation of raw text (BOS added, no chat template). */
    public Completion generate(String prompt, GenerationOptions options) {
        return stream(prompt, options, null).join();
    }

    /** Answers a conversation with the model's chat template; ends at the model's end of turn. */
    public Completion chat(List<ChatMessage> messages, GenerationOptions options) {
        return streamChat(messages, options, null).join();
    }

    /** As {@link #generate}, delivering text to {@code sink} as it is produced. */
    public GenerationHandle stream(String prompt, GenerationOptions options, TokenSink sink) {
        return engine.submit(textTokens(prompt), options, sink);
    }

    /** As {@link #chat}, delivering text to {@code sink} as it is produced. */
    public GenerationHandle streamChat(List<ChatMessage> messages, GenerationOptions options, TokenSink sink) {
        return engine.submit(chatTokens(messages), options, sink);
    }

    /** The prompt token ids a conversation becomes (template applied, BOS added). */
    public int[] chatTokens(List<ChatMessage> messages) {
        return chatPromptTokens(chatPrompt(messages));
    }

    /**
     * The prompt text a conversation becomes: the chat template applied, ending with the opening of
     * the model's turn (BOS not included).
     *
     * @throws IllegalArgumentException when the conversation breaks the template's rules (roles must alternate)
     */
    public String chatPrompt(List<ChatMessage> messages) {
        return template.render(messages, true);
    }

    /** The token ids of a rendered chat prompt: BOS added, control tokens such as {@code <start_of_turn>} recognised. */
    public int[] chatPromptTokens(String chatPrompt) {
        return tokenizer.encode(chatPrompt, true, true);
    }

    /** The token ids of a raw-text prompt, as {@link #generate} reads it: BOS added, control tokens as plain text. */
    public int[] textTokens(String prompt) {
        return tokenizer.encode(prompt, true, false);
    }

    /** Submits already tokenized ids (advanced use: the server counts tokens itself). */
    public GenerationHandle submit(int[] promptTokens, GenerationOptions options, TokenSink sink) {
        return engine.submit(promptTokens, options, sink);
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Gemma3Config config() {
        return model.config();
    }

    public Path path() {
        return path;
    }

    /** The context size sequences get. */
    public int contextSize() {
        return engine.config().contextSize();
    }

    /** Sequences generated concurrently. */
    public int slots() {
        return engine.config().slots();
    }

    /** Requests and tokens served so far, slots busy and requests waiting now. */
    public GenerationEngine.Stats stats() {
        return engine.stats();
    }

    public GenerationEngine engine() {
        return engine;
    }

    /** The model's name: general.name from the GGUF, else the file name without extension. */
    public String name() {
        return model.file().metadata().optString("general.name")
                .orElse(path.getFileName().toString().replaceFirst("\\.gguf$", ""));
    }

    @Override
    public void close() {
        engine.close();
        model.close();
    }
}
