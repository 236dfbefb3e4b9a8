package io.qat4j.infer.api;

import java.io.IOException;
import java.nio.file.Path;

/** Entry point of the in-process Java API. */
public final class Qat4j {
    private Qat4j() {}

    /** Loads a GGUF with default options (all cores, context up to 4096, one sequence at a time). */
    public static LocalModel load(Path gguf) throws IOException {
        return new LocalModel(gguf, ModelOptions.defaults());
    }

    public static LocalModel load(Path gguf, ModelOptions options) throws IOException {
        return new LocalModel(gguf, options);
    }
}
