package io.qat4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.bench.InferenceBenchmark;
import io.qat4j.infer.bench.MemoryBandwidthProbe;
import io.qat4j.infer.bench.ProcessStats;
import io.qat4j.infer.bench.SyntheticGemma3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures prefill and decode speed, like llama-bench.",
            "",
            "Prefill evaluates a -p token prompt in one batch; decode generates -n tokens one at a time.",
            "Each is run once to warm up, then -r times; the median is reported.",
            "",
            "Examples:",
            "  qat4j bench --model gemma-3-1b-it-q4_0.gguf -p 128 -n 64 -t 2",
            "  qat4j bench --synthetic gemma3-1b-shape --type q4_0 --out /tmp/g1b-q4_0.gguf",
            "      (writes a random-weight model with Gemma 3 1B's width, then measures it)",
            "  qat4j bench --memory-bandwidth"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "M.gguf", description = "the model to measure")
    Path model;

    @Option(names = "-p", paramLabel = "N", description = "prompt tokens for the prefill test (default: ${DEFAULT-VALUE}; 0 skips it)")
    int prompt = 128;

    @Option(names = "-n", paramLabel = "N", description = "generated tokens for the decode test (default: ${DEFAULT-VALUE}; 0 skips it)")
    int gen = 64;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-r", "--reps"}, paramLabel = "N", description = "measured repetitions (default: ${DEFAULT-VALUE})")
    int reps = 5;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--synthetic", paramLabel = "SHAPE",
            description = "first write a random-weight model of this shape to --out: gemma3-1b-shape (Gemma 3 1B's "
                    + "width, 8 of its 26 layers, 32,768 tokens) or tiny-shape")
    String synthetic;

    @Option(names = "--type", paramLabel = "TYPE", description = "weight type of the synthetic model: q4_0, q8_0, f16, bf16, f32 (default: ${DEFAULT-VALUE})")
    String type = "q4_0";

    @Option(names = "--seed", paramLabel = "S", description = "seed of the synthetic weights (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--out", paramLabel = "F.gguf", description = "where --synthetic writes the model")
    Path out;

    @Option(names = "--memory-bandwidth", description = "measure memory read bandwidth; with a model, also print the decode ceiling")
    boolean bandwidth;

    @Option(names = "--train", description = "measure training instead: tokens/s of forward + backward + AdamW, batch 16 × 256")
    boolean train;

    @Option(names = "--preset", paramLabel = "NAME", description = "with --train: tiny or small (default: ${DEFAULT-VALUE})")
    String preset = "tiny";

    @Option(names = "--steps", paramLabel = "N", description = "with --train: timed steps after 3 warm-up steps (default: ${DEFAULT-VALUE})")
    int trainSteps = 10;

    @Override
    public Integer call() throws Exception {
        if (train) {
            return benchTraining();
        }
        if (synthetic != null) {
            if (out == null) {
                throw new IllegalArgumentException("--synthetic needs --out F.gguf (where to write the model)");
            }
            var shape = SyntheticGemma3.shape(synthetic);
            GgmlType t = GgmlType.parse(type);
            System.err.printf("writing %s (%s, seed %d) to %s ...%n", shape.name(), t, seed, out);
            SyntheticGemma3.write(shape, t, seed, out);
            model = out;
        }
        Double bw = null;
        if (bandwidth) {
            System.err.println("measuring memory bandwidth ...");
            bw = MemoryBandwidthProbe.measure(threads, 1L << 30, 7);
            if (model == null) {
                if (json) {
                    System.out.println(new ObjectMapper().writeValueAsString(Map.of("bandwidth_bytes_per_s", bw, "threads", threads)));
                } else {
                    System.out.printf("memory read bandwidth: %.2f GB/s with %d threads%n", bw / 1e9, threads);
                }
                return 0;
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("give --model M.gguf, --synthetic SHAPE --out F.gguf, or --memory-bandwidth");
        }
        long fileBytes = Files.size(model);
        try (Gemma3Model m = Gemma3Model.load(model, threads)) {
            long rssAfterLoad = ProcessStats.rssBytes();
            var bar = json ? null : new ProgressLine("bench", reps);
            var r = InferenceBenchmark.run(m, prompt, gen, reps, (done, total) -> {
                if (bar != null) {
                    bar.step(done);
                }
            });
            if (bar != null) {
                bar.close();
            }
            long rssPeak = ProcessStats.peakRssBytes();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", model.toString());
            o.put("file_bytes", fileBytes);
            o.put("threads", r.threads());
            o.put("n_prompt", prompt);
            o.put("n_gen", gen);
            o.put("prefill_tps", prompt > 0 ? r.prefillTps() : null);
            o.put("decode_tps", gen > 0 ? r.decodeTps() : null);
            o.put("prefill_tps_runs", r.prefillRuns());
            o.put("decode_tps_runs", r.decodeRuns());
            o.put("rss_bytes_after_load", rssAfterLoad);
            o.put("rss_bytes_peak", rssPeak);
            o.put("cpu_seconds_per_token", gen > 0 ? r.cpuSecondsPerDecodeToken() : null);
            o.put("joules_per_token", r.joulesPerDecodeToken());
            o.put("energy_source", r.joulesPerDecodeToken() != null ? "rapl" : "none (no readable /sys/class/powercap RAPL counters)");
            o.put("weight_bytes_per_token", r.weightBytes());
            if (bw != null) {
                o.put("bandwidth_bytes_per_s", bw);
                o.put("decode_ceiling_tps", bw / r.weightBytes());
            }
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                printTable(o, r);
            }
        }
        return 0;
    }

    /** Float and QAT (Q4_0 fake quantization of every matrix) training throughput for a preset. */
    private int benchTraining() throws Exception {
        System.err.printf("training benchmark: preset %s, batch %d x %d, %d threads, %d timed steps ...%n", preset,
                io.qat4j.train.TrainBenchmark.BATCH, io.qat4j.train.TrainBenchmark.SEQ, threads, trainSteps);
        var f = io.qat4j.train.TrainBenchmark.measure(preset, false, threads, 3, trainSteps);
        var q = io.qat4j.train.TrainBenchmark.measure(preset, true, threads, 3, trainSteps);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("preset", preset);
            o.put("threads", threads);
            o.put("batch", io.qat4j.train.TrainBenchmark.BATCH);
            o.put("seq_len", io.qat4j.train.TrainBenchmark.SEQ);
            o.put("train_tps", f.tokensPerSecond());
            o.put("qat_tps", q.tokensPerSecond());
            o.put("train_median_step_s", f.medianStepSeconds());
            o.put("qat_median_step_s", q.medianStepSeconds());
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            System.out.printf("%-8s %-10s %8s %14s %12s%n", "preset", "mode", "threads", "median step", "tokens/s");
            for (var r : new io.qat4j.train.TrainBenchmark.Result[] {f, q}) {
                System.out.printf("%-8s %-10s %8d %12.3f s %12.0f%n", r.preset(), r.mode(), r.threads(),
                        r.medianStepSeconds(), r.tokensPerSecond());
            }
        }
        return 0;
    }

    private void printTable(Map<String, Object> o, InferenceBenchmark.Result r) {
        String row = "%-40s %10s %8s %8s %10s  %s%n";
        System.out.printf(row, "model", "size", "threads", "test", "tokens/s", "min–max of " + reps + " runs");
        String name = model.getFileName().toString();
        String size = String.format("%.1f MiB", (long) o.get("file_bytes") / 1048576.0);
        if (prompt > 0) {
            System.out.printf(row, name, size, r.threads(), "pp" + prompt, String.format("%.2f", r.prefillTps()),
                    range(r.prefillRuns()));
        }
        if (gen > 0) {
            System.out.printf(row, name, size, r.threads(), "tg" + gen, String.format("%.2f", r.decodeTps()),
                    range(r.decodeRuns()));
        }
        System.out.printf("%nresident memory: %.1f MiB after load, %.1f MiB peak%n",
                (long) o.get("rss_bytes_after_load") / 1048576.0, (long) o.get("rss_bytes_peak") / 1048576.0);
        if (gen > 0) {
            System.out.printf("CPU time per generated token: %.2f ms; energy: %s%n", r.cpuSecondsPerDecodeToken() * 1e3,
                    r.joulesPerDecodeToken() == null ? "not measurable here (no RAPL counters)"
                            : String.format("%.3f J/token", r.joulesPerDecodeToken()));
        }
        if (o.containsKey("bandwidth_bytes_per_s")) {
            double bwv = (double) o.get("bandwidth_bytes_per_s");
            double ceiling = (double) o.get("decode_ceiling_tps");
            System.out.printf("memory bandwidth %.2f GB/s, %.1f MB of weights per token: decode ceiling %.1f tokens/s"
                    + " (measured %.1f = %.0f%%)%n", bwv / 1e9, r.weightBytes() / 1e6, ceiling, r.decodeTps(),
                    100 * r.decodeTps() / ceiling);
        }
    }

    private static String range(double[] runs) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double x : runs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return String.format("%.1f–%.1f", min, max);
    }
}
