package io.qat4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates models side by side on held-out text: bits per byte, perplexity, KL divergence and",
            "top-1 agreement against a reference, file size, speed; a Markdown table on stdout.",
            "",
            "The corpus is cut into contiguous 90/5/5 %% byte ranges (train/val/test) exactly as training does;",
            "--split picks one. Each model tokenizes it with its own vocabulary, in non-overlapping windows fed as",
            "[BOS] + w[:-1], so every token is predicted once. Bits per byte = NLL in nats / ln 2 / UTF-8 bytes,",
            "comparable across tokenizers. KL(reference || model) and top-1 agreement need the same vocabulary.",
            "",
            "Roles: a model's label (--label, else its file name) says what it is, by the words in it:",
            "control, qat, rtn, ptq/calib/gptq/awq, float/f32/f16/bf16 (first match wins). With a float and an",
            "RTN model of the same weight type, each quantized model gets the fraction of the RTN gap it",
            "recovers: 1 - (bpb_x - bpb_control) / (bpb_rtn - bpb_float) (control defaults to the float model).",
            "",
            "Example:",
            "  qat4j eval --data kjv.txt --reference float.gguf --model float.gguf --model q4_0-rtn.gguf \\",
            "      --model q4_0-qat.gguf --label 'Q4_0 QAT-kd=q4_0-qat.gguf' --json eval.json --report report/ \\",
            "      --logs float.gguf.log.jsonl --logs q4_0-qat.gguf.log.jsonl"})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "PATH", description = "the corpus: a text file or folder (.gz allowed)")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "M.gguf", description = "a model to evaluate (repeat for more)")
    List<Path> models = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "F.gguf",
            description = "the model KL divergence and top-1 agreement are measured against (usually the float one)")
    Path reference;

    @Option(names = "--split", paramLabel = "NAME", description = "train, val or test (default: ${DEFAULT-VALUE})")
    String split = "test";

    @Option(names = "--label", paramLabel = "NAME=PATH",
            description = "what to call the model at PATH in tables and plots; its words set the role (see above)")
    List<String> labels = new ArrayList<>();

    @Option(names = "--json", paramLabel = "OUT", description = "write the results as JSON")
    Path json;

    @Option(names = "--report", paramLabel = "DIR", description = "write report.html, PNG plots, report.md and report.json here")
    Path report;

    @Option(names = "--logs", paramLabel = "[NAME=]F.jsonl", description = "training/QAT JSON-lines logs to plot in the report")
    List<String> logs = new ArrayList<>();

    @Option(names = "--window", paramLabel = "N", description = "window length in tokens (default: ${DEFAULT-VALUE};"
            + " a model with a shorter context uses its context length)")
    int window = EvalOptions.DEFAULT_WINDOW;

    @Option(names = "--max-windows", paramLabel = "N", description = "score only the first N windows (default: all)")
    int maxWindows;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--bench-prompt", paramLabel = "N", description = "prompt tokens of the prefill speed test (default: ${DEFAULT-VALUE})")
    int benchPrompt = 64;

    @Option(names = "--bench-gen", paramLabel = "N", description = "tokens of the decode speed test (default: ${DEFAULT-VALUE})")
    int benchGen = 16;

    @Option(names = "--bench-reps", paramLabel = "N", description = "speed test repetitions, 0 skips it (default: ${DEFAULT-VALUE})")
    int benchReps = 3;

    @Override
    public Integer call() throws Exception {
        var specs = modelSpecs();
        var trainingLogs = new ArrayList<TrainingLog>();
        for (String l : logs) {
            trainingLogs.add(readLog(l)); // read first: a wrong path fails before minutes of scoring
        }
        var options = new EvalOptions(data, split, specs, reference, window, maxWindows, threads, benchPrompt, benchGen,
                benchReps);
        EvalResult result;
        try (var progress = new BarProgress()) {
            result = Evaluator.run(options, progress);
        }
        System.out.print(MarkdownTable.of(result));
        System.out.println();
        System.out.println(MarkdownTable.caption(result));
        System.out.println();
        for (String f : Findings.of(result)) {
            System.out.println("- " + f);
        }
        if (json != null) {
            EvalJson.write(result, json);
            System.err.println("results: " + json);
        }
        if (report != null) {
            var files = ReportWriter.write(result, trainingLogs, report);
            System.err.println("report: " + files.getFirst());
        }
        return 0;
    }

    private List<ModelSpec> modelSpecs() throws IOException {
        var specs = new ArrayList<ModelSpec>();
        for (Path m : models) {
            specs.add(ModelSpec.of(m));
        }
        for (String l : labels) {
            int eq = l.lastIndexOf('=');
            if (eq <= 0 || eq == l.length() - 1) {
                throw new IllegalArgumentException("--label '" + l + "' is not NAME=PATH");
            }
            Path p = Path.of(l.substring(eq + 1));
            int at = indexOf(specs, p);
            if (at < 0) {
                throw new IllegalArgumentException("--label " + l + ": " + p + " is not one of the --model files");
            }
            specs.set(at, new ModelSpec(specs.get(at).path(), l.substring(0, eq)));
        }
        return specs;
    }

    private static int indexOf(List<ModelSpec> specs, Path p) throws IOException {
        for (int i = 0; i < specs.size(); i++) {
            Path m = specs.get(i).path();
            if (m.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())
                    || (Files.exists(m) && Files.exists(p) && Files.isSameFile(m, p))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code F.jsonl}, or {@code NAME=F.jsonl} when no file is literally called that. */
    private static TrainingLog readLog(String arg) throws IOException {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg))) {
            return TrainingLog.read(Path.of(arg.substring(eq + 1)), arg.substring(0, eq));
        }
        return TrainingLog.read(Path.of(arg));
    }

    /** The window count with an ETA on stderr, then the speed tests. */
    private static final class BarProgress implements EvalProgress, AutoCloseable {
        private ProgressLine bar;

        @Override
        public void onWindows(long done, long total) {
            if (bar == null) {
                bar = new ProgressLine("eval", total, " windows");
            }
            bar.step(done);
        }

        @Override
        public void onSpeedTest(String label, int index, int count) {
            if (bar != null) {
                bar.extra(String.format("speed test %d/%d: %s", index + 1, count, label));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
