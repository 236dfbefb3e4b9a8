package io.qat4j.eval;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model to evaluate and the name it goes by in tables and plots; the label's words also decide its
 * {@link ModelRole}.
 */
public record ModelSpec(Path path, String label) {

    public ModelSpec {
        if (path == null) {
            throw new IllegalArgumentException("a model path is required");
        }
        if (label == null || label.isBlank()) {
            label = defaultLabel(path);
        }
    }

    public static ModelSpec of(Path path) {
        return new ModelSpec(path, null);
    }

    /** The file name without its {@code .gguf} extension. */
    public static String defaultLabel(Path path) {
        String name = path.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    public ModelRole role() {
        return ModelRole.of(label);
    }
}
