package io.qat4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

import io.qat4j.infer.bench.InferenceBenchmark;
import io.qat4j.infer.bench.ProcessStats;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;

/**
 * Scores models side by side on a held-out split.
 *
 * <p>Each model tokenizes the split with its own vocabulary (models sharing a vocabulary share the
 * token stream). The stream is cut into {@link EvalWindows}; window by window, the reference (when
 * given) and then every model evaluate the window on the inference engine, a chunk of rows at a time,
 * and each row is scored in double precision: negative log-likelihood of the next token, KL(reference ‖
 * model) and whether both argmaxes agree. The reference's logits of a chunk are computed once for all
 * models. A model's own worker pool parallelises each forward pass; windows run in sequence.
 */
public final class Evaluator {
    /** Logits kept per chunk, per model: bounds memory for large vocabularies (32 MiB of floats). */
    static final int CHUNK_FLOATS = 1 << 23;

    private Evaluator() {}

    public static EvalResult run(EvalOptions options, EvalProgress progress) throws IOException {
        return run(options, progress, CHUNK_FLOATS);
    }

    /** As {@link #run(EvalOptions, EvalProgress)}, keeping at most {@code chunkFloats} logits per model at a time. */
    static EvalResult run(EvalOptions options, EvalProgress progress, int chunkFloats) throws IOException {
        byte[] text = splitText(options);
        var opened = new ArrayList<ModelUnderTest>();
        try {
            var models = new ArrayList<ModelUnderTest>();
            for (ModelSpec spec : options.models()) {
                models.add(open(spec, options.threads(), opened));
            }
            ModelUnderTest ref = options.reference() == null ? null : reference(options, models, opened);
            List<List<ModelUnderTest>> groups = groupByVocabulary(models, ref);
            var plans = new ArrayList<GroupPlan>();
            long totalWindows = 0;
            for (var group : groups) {
                var plan = GroupPlan.of(group, ref, text, options, chunkFloats); // with a reference there is one group
                plans.add(plan);
                totalWindows += plan.windows.size();
            }
            long done = 0;
            progress.onWindows(0, totalWindows);
            for (var plan : plans) {
                done = plan.score(done, totalWindows, progress);
            }
            var results = new ArrayList<ModelResult>();
            for (int i = 0; i < models.size(); i++) {
                ModelUnderTest m = models.get(i);
                ModelResult r = m.result(ref != null);
                if (options.benchmarks()) {
                    progress.onSpeedTest(m.spec.label(), i, models.size());
                    r = speed(m, r, options);
                }
                results.add(r);
            }
            return new EvalResult(options.data().toString(), options.split(), text.length, options.windowTokens(),
                    options.maxWindows(), options.reference() == null ? null : options.reference().toString(),
                    options.threads(), ProcessStats.peakRssBytes(), GapRecovery.apply(results));
        } finally {
            for (ModelUnderTest m : opened) {
                m.close();
            }
        }
    }

    private static byte[] splitText(EvalOptions options) throws IOException {
        if (!Files.exists(options.data())) {
            throw new NoSuchFileException(options.data().toString(), null, "evaluation data not found");
        }
        byte[] text = CorpusSplit.of(Corpus.read(options.data())).part(options.split());
        if (text.length == 0) {
            throw new IllegalArgumentException(options.data() + ": the " + options.split()
                    + " split is empty (the corpus is too small to cut 90/5/5)");
        }
        return text;
    }

    private static ModelUnderTest open(ModelSpec spec, int threads, List<ModelUnderTest> opened) throws IOException {
        ModelUnderTest m = ModelUnderTest.open(spec, threads);
        opened.add(m);
        return m;
    }

    /** The reference: one of the models when it is the same file (evaluated once), else its own. */
    private static ModelUnderTest reference(EvalOptions options, List<ModelUnderTest> models, List<ModelUnderTest> opened)
            throws IOException {
        var refPath = options.reference();
        if (!Files.isRegularFile(refPath)) {
            throw new NoSuchFileException(refPath.toString(), null, "reference model not found");
        }
        ModelUnderTest ref = null;
        for (ModelUnderTest m : models) {
            if (Files.isSameFile(m.spec.path(), refPath)) {
                ref = m;
                break;
            }
        }
        if (ref == null) {
            ref = open(ModelSpec.of(refPath), options.threads(), opened);
        }
        for (ModelUnderTest m : models) {
            if (!m.sameVocabulary(ref)) {
                throw new IllegalArgumentException("KL divergence against the reference is undefined: " + m.spec.path()
                        + " has a different vocabulary from the reference " + refPath + " ("
                        + m.vocabularyDifference(ref) + "); evaluate it without --reference or against a reference"
                        + " with its vocabulary");
            }
        }
        return ref;
    }

    private static List<List<ModelUnderTest>> groupByVocabulary(List<ModelUnderTest> models, ModelUnderTest ref) {
        var groups = new ArrayList<List<ModelUnderTest>>();
        for (ModelUnderTest m : models) {
            var home = groups.stream().filter(g -> g.getFirst().sameVocabulary(m)).findFirst();
            if (home.isPresent()) {
                home.get().add(m);
            } else {
                groups.add(new ArrayList<>(List.of(m)));
            }
        }
        return groups;
    }

    private static ModelResult speed(ModelUnderTest m, ModelResult r, EvalOptions options) {
        int ctx = m.model.config().contextLength();
        int prompt = Math.min(options.benchPrompt(), ctx);
        int gen = Math.min(options.benchGen(), ctx - 1);
        var b = InferenceBenchmark.run(m.model, prompt, gen, options.benchReps(), null);
        return r.withSpeed(prompt > 0 ? b.prefillTps() : null, gen > 0 ? b.decodeTps() : null);
    }

    /** The models sharing one vocabulary, their token stream and windows. */
    private record GroupPlan(List<ModelUnderTest> models, ModelUnderTest ref, EvalText text,
            List<EvalWindows.Window> windows, int window, int chunk) {

        static GroupPlan of(List<ModelUnderTest> models, ModelUnderTest ref, byte[] utf8, EvalOptions options,
                int chunkFloats) {
            var first = models.getFirst();
            EvalText text = EvalText.of(first.tokenizer, utf8, first.spec.path().toString());
            int window = options.windowTokens();
            var everyone = new ArrayList<>(models);
            if (ref != null && !models.contains(ref)) {
                everyone.add(ref);
            }
            for (ModelUnderTest m : everyone) {
                window = Math.min(window, m.model.config().contextLength());
            }
            int chunk = Math.max(1, Math.min(window, chunkFloats / first.vocab));
            for (ModelUnderTest m : everyone) {
                m.prepare(window, chunk);
            }
            var windows = EvalWindows.plan(text.tokens().length, window, options.maxWindows());
            long bytes = text.bytesScored(windows);
            for (ModelUnderTest m : models) {
                m.windows = windows.size();
                m.bytesScored = bytes;
            }
            return new GroupPlan(models, ref, text, windows, window, chunk);
        }

        long score(long done, long total, EvalProgress progress) {
            int[] input = new int[window];
            double[] refLse = new double[chunk];
            int[] refArgmax = new int[chunk];
            int[] tokens = text.tokens();
            for (var w : windows) {
                EvalWindows.input(tokens, w, text.bos(), input);
                if (ref != null) {
                    ref.startWindow();
                }
                for (ModelUnderTest m : models) {
                    if (m != ref) {
                        m.startWindow();
                    }
                }
                for (int off = 0; off < w.length(); off += chunk) {
                    int n = Math.min(chunk, w.length() - off);
                    if (ref != null) {
                        ref.forward(input, off, n);
                        for (int i = 0; i < n; i++) {
                            refLse[i] = LogProbs.logSumExp(ref.logits, i * ref.vocab, ref.vocab);
                            refArgmax[i] = LogProbs.argmax(ref.logits, i * ref.vocab, ref.vocab);
                        }
                    }
                    for (ModelUnderTest m : models) {
                        if (m != ref) {
                            m.forward(input, off, n);
                        }
                        m.score(n, tokens, w.start() + off, ref, refLse, refArgmax);
                    }
                }
                progress.onWindows(++done, total);
            }
            return done;
        }
    }
}
