package io.qat4j.infer.generate;

import java.time.Duration;
import java.util.List;

import io.qat4j.infer.sampling.LogitProcessor;
import io.qat4j.infer.sampling.SamplerConfig;

/**
 * How one generation runs.
 *
 * @param maxTokens  most tokens to generate (the context size also bounds it)
 * @param sampler    how tokens are drawn
 * @param stop       strings that end the generation; the text returned stops before the first one
 * @param processors logit changes applied before every draw (governance constraints, biases)
 * @param timeout    wall-clock limit from submission, or null for none
 */
public record GenerationOptions(int maxTokens, SamplerConfig sampler, List<String> stop, List<LogitProcessor> processors,
        Duration timeout) {

    public GenerationOptions {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max tokens must be ≥ 0, got " + maxTokens);
        }
        stop = List.copyOf(stop);
        processors = List.copyOf(processors);
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a stop string must not be empty");
            }
        }
    }

    public static GenerationOptions of(int maxTokens, SamplerConfig sampler) {
        return new GenerationOptions(maxTokens, sampler, List.of(), List.of(), null);
    }

    public GenerationOptions withStop(List<String> s) {
        return new GenerationOptions(maxTokens, sampler, s, processors, timeout);
    }

    public GenerationOptions withProcessors(List<LogitProcessor> p) {
        return new GenerationOptions(maxTokens, sampler, stop, p, timeout);
    }

    public GenerationOptions withTimeout(Duration t) {
        return new GenerationOptions(maxTokens, sampler, stop, processors, t);
    }
}
