package io.qat4j.cli;

import java.nio.file.Path;

import io.qat4j.infer.api.ModelOptions;
import picocli.CommandLine.Option;

/** How generate, chat and serve load a model. */
final class ModelLoadOptions {
    @Option(names = "--model", required = true, paramLabel = "M.gguf", description = "the model (a Gemma 3 GGUF)")
    Path model;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "compute threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-c", "--ctx"}, paramLabel = "N", description = "context size in tokens (default: min(4096, the model's))")
    int contextSize;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "use this tokenizer instead of the GGUF's vocabulary")
    Path tokenizer;

    ModelOptions toOptions() {
        return ModelOptions.defaults().withThreads(threads).withContextSize(contextSize).withTokenizer(tokenizer);
    }
}
