package io.qat4j.server.openai;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.sampling.LogitProcessor;
import io.qat4j.infer.sampling.SamplerConfig;
import io.qat4j.server.ApiException;
import io.qat4j.server.JsonFields;

/**
 * The fields chat and text completions share: streaming, limits, sampling, stop strings, logit bias.
 * Sampling starts from llama.cpp's defaults (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, as
 * {@code qat4j generate}); OpenAI's {@code temperature}, {@code top_p}, {@code seed} and llama.cpp's
 * {@code top_k}, {@code min_p}, {@code repeat_penalty} override them.
 *
 * @param maxTokens empty when the request sets no limit
 */
public record CompletionParams(boolean stream, boolean includeUsage, OptionalInt maxTokens, SamplerConfig sampler,
        List<String> stop, List<LogitProcessor> processors) {

    private static final SecureRandom SEEDS = new SecureRandom();

    public static CompletionParams parse(JsonFields body, int vocabSize) {
        rejectUnsupported(body);
        long n = body.integer("n", 1, Integer.MAX_VALUE).orElse(1);
        if (n != 1) {
            throw ApiException.unsupported("n", "Only one choice per request is supported ('n' must be 1, got " + n + ").");
        }
        boolean stream = body.bool("stream").orElse(false);
        boolean includeUsage = body.object("stream_options")
                .flatMap(o -> o.bool("include_usage")).orElse(false);
        OptionalInt maxTokens = body.integer("max_completion_tokens", 1, Integer.MAX_VALUE).stream()
                .mapToInt(Math::toIntExact).findFirst();
        if (maxTokens.isEmpty()) {
            maxTokens = body.integer("max_tokens", 1, Integer.MAX_VALUE).stream().mapToInt(Math::toIntExact).findFirst();
        }
        var d = SamplerConfig.defaults(0);
        float temperature = (float) body.number("temperature", 0, 2).orElse(d.temperature());
        // SamplerConfig needs top-p > 0; OpenAI allows 0, which keeps only the most likely token.
        float topP = (float) Math.max(body.number("top_p", 0, 1).orElse(d.topP()), Float.MIN_NORMAL);
        int topK = (int) body.integer("top_k", 0, vocabSize).orElse(d.topK());
        float minP = (float) body.number("min_p", 0, 1).orElse(d.minP());
        float repeatPenalty = (float) body.number("repeat_penalty", Float.MIN_NORMAL, 100).orElse(d.repetitionPenalty());
        long seed = body.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElseGet(SEEDS::nextLong);
        var sampler = new SamplerConfig(temperature, topK, topP, minP, repeatPenalty, d.repeatLastN(), seed);
        List<String> stop = body.stringOrStrings("stop");
        if (stop.stream().anyMatch(String::isEmpty)) {
            throw ApiException.invalidValue("stop", "Invalid value for 'stop': stop strings must not be empty.");
        }
        List<LogitProcessor> processors = body.object("logit_bias").map(b -> logitBias(b, vocabSize))
                .map(List::of).orElse(List.of());
        return new CompletionParams(stream, includeUsage, maxTokens, sampler, stop, processors);
    }

    public GenerationOptions options(int defaultMaxTokens, Duration timeout) {
        return new GenerationOptions(maxTokens.orElse(defaultMaxTokens), sampler, stop, processors, timeout);
    }

    private static LogitProcessor logitBias(JsonFields bias, int vocabSize) {
        var ids = new ArrayList<Integer>();
        var values = new ArrayList<Float>();
        for (var it = bias.node().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            int id;
            try {
                id = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw ApiException.invalidValue(bias.param(key), "Invalid key in 'logit_bias': '" + key
                        + "' is not a token id.");
            }
            if (id < 0 || id >= vocabSize) {
                throw ApiException.invalidValue(bias.param(key), "Invalid key in 'logit_bias': token id " + id
                        + " is outside the vocabulary [0, " + vocabSize + ").");
            }
            ids.add(id);
            values.add((float) bias.number(key, -100, 100)
                    .orElseThrow(() -> ApiException.wrongType(bias.param(key), "a number")));
        }
        int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
        float[] valueArray = new float[values.size()];
        for (int i = 0; i < valueArray.length; i++) {
            valueArray[i] = values.get(i);
        }
        return new LogitBias(idArray, valueArray);
    }

    // Features a client may ask for that this server does not implement: refuse rather than ignore them
    // silently, since the answer would not be what the client expects.
    private static void rejectUnsupported(JsonFields body) {
        JsonNode logprobs = body.get("logprobs");
        if (logprobs != null && !(logprobs.isBoolean() && !logprobs.booleanValue()) && !(logprobs.isNumber() && logprobs.intValue() == 0)) {
            throw ApiException.unsupported("logprobs", "'logprobs' is not supported by this server.");
        }
        if (body.has("top_logprobs")) {
            throw ApiException.unsupported("top_logprobs", "'top_logprobs' is not supported by this server.");
        }
        for (String name : List.of("tools", "functions")) {
            JsonNode v = body.get(name);
            if (v != null && !(v.isArray() && v.isEmpty())) {
                throw ApiException.unsupported(name, "Tool and function calling is not supported by this server.");
            }
        }
        body.object("response_format").flatMap(f -> f.string("type")).filter(t -> !t.equals("text")).ifPresent(t -> {
            throw ApiException.unsupported("response_format", "Only the 'text' response format is supported, not '" + t + "'.");
        });
        if (body.bool("echo").orElse(false)) {
            throw ApiException.unsupported("echo", "'echo' is not supported by this server.");
        }
        if (body.string("suffix").filter(s -> !s.isEmpty()).isPresent()) {
            throw ApiException.unsupported("suffix", "'suffix' (insertion) is not supported by this server.");
        }
        if (body.integer("best_of", 1, Integer.MAX_VALUE).orElse(1) != 1) {
            throw ApiException.unsupported("best_of", "'best_of' must be 1 on this server.");
        }
    }
}
