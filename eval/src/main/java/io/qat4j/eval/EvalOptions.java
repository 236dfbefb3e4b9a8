package io.qat4j.eval;

import java.nio.file.Path;
import java.util.List;

/**
 * One evaluation run ({@code qat4j eval}).
 *
 * @param data          the corpus (file or folder, .gz allowed), cut 90/5/5 like training does
 * @param split         train, val or test
 * @param models        the models, in the order of the report
 * @param reference     the model KL divergence and top-1 agreement are measured against, or null
 * @param windowTokens  window length in tokens (clamped to the smallest context length of the models)
 * @param maxWindows    score only the first windows, 0 = the whole split
 * @param threads       compute threads of each model
 * @param benchPrompt   prompt tokens of the prefill speed test (0 skips it)
 * @param benchGen      tokens of the decode speed test (0 skips it)
 * @param benchReps     measured repetitions of the speed tests (0 skips both)
 */
public record EvalOptions(Path data, String split, List<ModelSpec> models, Path reference, int windowTokens,
        int maxWindows, int threads, int benchPrompt, int benchGen, int benchReps) {

    public static final int DEFAULT_WINDOW = 256;

    public EvalOptions {
        if (data == null) {
            throw new IllegalArgumentException("the evaluation data path is required");
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is required");
        }
        models = List.copyOf(models);
        if (windowTokens < 2 || maxWindows < 0 || threads < 1 || benchPrompt < 0 || benchGen < 0 || benchReps < 0) {
            throw new IllegalArgumentException("window must be >= 2 tokens, threads >= 1, and counts >= 0");
        }
    }

    /** The defaults of {@code qat4j eval}: test split, 256-token windows, small speed tests. */
    public static EvalOptions defaults(Path data, List<ModelSpec> models, Path reference) {
        return new EvalOptions(data, "test", models, reference, DEFAULT_WINDOW, 0,
                Runtime.getRuntime().availableProcessors(), 64, 16, 3);
    }

    public EvalOptions withSplit(String v) {
        return new EvalOptions(data, v, models, reference, windowTokens, maxWindows, threads, benchPrompt, benchGen, benchReps);
    }

    public EvalOptions withWindowTokens(int v) {
        return new EvalOptions(data, split, models, reference, v, maxWindows, threads, benchPrompt, benchGen, benchReps);
    }

    public EvalOptions withMaxWindows(int v) {
        return new EvalOptions(data, split, models, reference, windowTokens, v, threads, benchPrompt, benchGen, benchReps);
    }

    public EvalOptions withThreads(int v) {
        return new EvalOptions(data, split, models, reference, windowTokens, maxWindows, v, benchPrompt, benchGen, benchReps);
    }

    /** Speed-test sizes; {@code reps} 0 skips the speed test. */
    public EvalOptions withBench(int prompt, int gen, int reps) {
        return new EvalOptions(data, split, models, reference, windowTokens, maxWindows, threads, prompt, gen, reps);
    }

    public boolean benchmarks() {
        return benchReps > 0 && (benchPrompt > 0 || benchGen > 0);
    }
}
