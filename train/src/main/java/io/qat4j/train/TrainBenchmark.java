package io.qat4j.train;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.model.FakeQuantTransform;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.model.WeightTransform;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.optim.AdamW;
import io.qat4j.train.optim.AdamWConfig;

/**
 * Training throughput the way the PyTorch peer's bench.py measures it: batch 16 × 256 random byte
 * tokens, forward + backward + AdamW per step, median step time after a warm-up, reported as tokens/s.
 */
public final class TrainBenchmark {
    public static final int BATCH = 16;
    public static final int SEQ = 256;

    /** What one measurement found. */
    public record Result(String preset, String mode, int threads, int steps, double medianStepSeconds,
            double minStepSeconds, double tokensPerSecond) {
        @Override
        public String toString() {
            return String.format("preset=%s mode=%s threads=%d steps=%d median_step_s=%.4f min_step_s=%.4f tok_per_s=%.0f",
                    preset, mode, threads, steps, medianStepSeconds, minStepSeconds, tokensPerSecond);
        }
    }

    private TrainBenchmark() {}

    /** Float training tokens/s for a preset (median of {@code steps} timed steps after 3 warm-up steps). */
    public static double run(String preset, int threads, int steps) {
        return measure(preset, false, threads, 3, steps).tokensPerSecond();
    }

    /** {@code qat}: every matrix (tied embedding included) fake-quantized to Q4_0 with STE, as the peer's qat_ce. */
    public static Result measure(String preset, boolean qat, int threads, int warmup, int steps) {
        Gemma3Config config = ModelPresets.byName(preset, ByteTokenizer.VOCAB_SIZE);
        try (var ops = new FastOps(threads)) {
            var model = new GemmaModel(config, BATCH, SEQ, ops);
            ModelInit.initialize(model.layout(), model.parameters(), 0);
            if (qat) {
                model.setTransforms(t -> t.isMatrix() ? new FakeQuantTransform(GgmlType.Q4_0) : WeightTransform.IDENTITY);
            }
            var adam = new AdamW(model.layout(), AdamWConfig.DEFAULT);
            var rnd = new SplittableRandom(0);
            int[] inputs = rnd.ints(BATCH * SEQ, 0, 256).toArray();
            int[] targets = rnd.ints(BATCH * SEQ, 0, 256).toArray();
            for (int b = 0; b < BATCH; b++) {
                inputs[b * SEQ] = ByteTokenizer.BOS;
            }
            double[] times = new double[steps];
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                model.zeroGradients();
                model.forward(inputs, targets, BATCH, SEQ);
                model.backward(1f / (BATCH * SEQ));
                adam.update(model.parameters(), model.gradients(), 1e-4);
                double dt = (System.nanoTime() - t0) / 1e9;
                if (i >= warmup) {
                    times[i - warmup] = dt;
                }
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
            return new Result(preset, qat ? "qat_q4_0" : "float", threads, steps, median, sorted[0], BATCH * SEQ / median);
        }
    }

    /** {@code TrainBenchmark PRESET [float|qat] [threads=2] [warmup=3] [steps=10]}. */
    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "tiny";
        boolean qat = args.length > 1 && args[1].startsWith("qat");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        System.out.println(measure(preset, qat, threads, warmup, steps));
    }
}
