package io.qat4j.infer.api;

import java.nio.file.Path;

/**
 * How a model is loaded for generation.
 *
 * @param threads       compute threads (default: every core)
 * @param contextSize   tokens per sequence; 0 means min(4096, the model's trained context)
 * @param slots         sequences generated concurrently (batched together)
 * @param queueCapacity requests that may wait for a slot
 * @param reusePrefixes keep sliding-window layers' full caches so repeated prompt prefixes are reused
 * @param tokenizer     a tokenizer.json to use instead of the GGUF's vocabulary, or null
 */
public record ModelOptions(int threads, int contextSize, int slots, int queueCapacity, boolean reusePrefixes, Path tokenizer) {

    public ModelOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        if (contextSize < 0 || slots < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("context size must be ≥ 0, slots ≥ 1 and queue capacity ≥ 0");
        }
    }

    public static ModelOptions defaults() {
        return new ModelOptions(Runtime.getRuntime().availableProcessors(), 0, 1, 16, false, null);
    }

    public ModelOptions withThreads(int t) {
        return new ModelOptions(t, contextSize, slots, queueCapacity, reusePrefixes, tokenizer);
    }

    public ModelOptions withContextSize(int c) {
        return new ModelOptions(threads, c, slots, queueCapacity, reusePrefixes, tokenizer);
    }

    public ModelOptions withSlots(int s, int queue) {
        return new ModelOptions(threads, contextSize, s, queue, reusePrefixes, tokenizer);
    }

    public ModelOptions withPrefixReuse(boolean r) {
        return new ModelOptions(threads, contextSize, slots, queueCapacity, r, tokenizer);
    }

    public ModelOptions withTokenizer(Path t) {
        return new ModelOptions(threads, contextSize, slots, queueCapacity, reusePrefixes, t);
    }
}
