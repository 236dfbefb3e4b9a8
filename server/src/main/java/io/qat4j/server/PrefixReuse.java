package io.qat4j.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.ModelOptions;

/**
 * Decides whether the served model keeps prompt prefixes for reuse. Reuse needs every slot's
 * sliding-window layers to keep the whole context instead of a ring of window size, which costs heap
 * (for Gemma 3 1B at 4096 tokens: about 208 MiB per slot instead of 60). {@code auto} turns it on when
 * the larger caches take at most half of the heap still free before loading.
 *
 * @param enabled      the decision
 * @param cacheBytes   the KV caches' size with that decision
 * @param freeHeap     heap free before loading (max heap − used)
 */
public record PrefixReuse(boolean enabled, long cacheBytes, long freeHeap) {

    public enum Mode { AUTO, ON, OFF }

    /** Reads the model's shape from its GGUF (no weights are mapped for compute) and decides. */
    public static PrefixReuse plan(Mode mode, Path gguf, ModelOptions options) throws IOException {
        Gemma3Config config;
        try (var file = GgufReader.open(gguf)) {
            config = Gemma3Config.fromGguf(file);
        }
        Runtime rt = Runtime.getRuntime();
        long freeHeap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long withReuse = LocalModel.kvCacheBytes(config, options.withPrefixReuse(true));
        boolean on = decide(mode, withReuse, freeHeap);
        return new PrefixReuse(on, on ? withReuse : LocalModel.kvCacheBytes(config, options.withPrefixReuse(false)), freeHeap);
    }

    static boolean decide(Mode mode, long cacheBytesWithReuse, long freeHeap) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> cacheBytesWithReuse <= freeHeap / 2;
        };
    }

    /** The options with this decision applied. */
    public ModelOptions apply(ModelOptions options) {
        return options.withPrefixReuse(enabled);
    }

    /** One line for the start-up banner. */
    public String describe() {
        return String.format(Locale.ROOT, "prefix reuse %s (KV caches %.1f MiB, %.1f MiB heap free)", enabled ? "on" : "off",
                cacheBytes / 1048576.0, freeHeap / 1048576.0);
    }
}
