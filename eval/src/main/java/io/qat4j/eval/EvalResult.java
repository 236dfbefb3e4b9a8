package io.qat4j.eval;

import java.util.List;

/**
 * A whole evaluation: the models' results in the order given, and how they were obtained.
 *
 * @param data          the corpus path
 * @param split         train, val or test
 * @param splitBytes    bytes in that split
 * @param windowTokens  the window length asked for (a model with a shorter context used its own)
 * @param maxWindows    the window limit (0 = the whole split)
 * @param reference     the reference model's path, or null
 * @param threads       compute threads per model
 * @param peakRssBytes  the process's peak resident memory (all models together), -1 when unknown
 * @param models        one result per model
 */
public record EvalResult(String data, String split, long splitBytes, int windowTokens, int maxWindows, String reference,
        int threads, long peakRssBytes, List<ModelResult> models) {

    public EvalResult {
        models = List.copyOf(models);
    }

    /** The most windows any model scored (they differ only when vocabularies differ). */
    public int windows() {
        return models.stream().mapToInt(ModelResult::windows).max().orElse(0);
    }

    /** The first model with this role, or null. */
    public ModelResult first(ModelRole role) {
        return models.stream().filter(m -> m.role() == role).findFirst().orElse(null);
    }
}
