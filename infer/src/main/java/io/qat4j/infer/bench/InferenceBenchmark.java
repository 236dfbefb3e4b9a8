package io.qat4j.infer.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.InferenceState;

/**
 * Prefill and decode speed in the manner of llama-bench: prefill evaluates a p-token prompt in one
 * batch from an empty cache; decode evaluates n tokens one at a time from an empty cache, computing
 * the logits of each. Token ids are random (the speed doesn't depend on them). One warm-up run, then
 * the median of {@code reps}.
 */
public final class InferenceBenchmark {

    /** What one benchmark run measured. */
    public record Result(int promptTokens, int genTokens, int threads, double prefillTps, double decodeTps,
            double[] prefillRuns, double[] decodeRuns, double cpuSecondsPerDecodeToken,
            Double joulesPerDecodeToken, long weightBytes) {}

    /** Called after each measured run (for a progress display). */
    @FunctionalInterface
    public interface Progress {
        void done(int run, int total);
    }

    private InferenceBenchmark() {}

    public static Result run(Gemma3Model model, int prompt, int gen, int reps, Progress progress) {
        if (prompt < 0 || gen < 0 || (prompt == 0 && gen == 0) || reps < 1) {
            throw new IllegalArgumentException("need a prompt or generation length > 0 and at least one repetition");
        }
        int vocab = model.config().vocabSize();
        int ctx = Math.min(model.config().contextLength(), Math.max(prompt, gen) + 1);
        SplittableRandom random = new SplittableRandom(1234);
        int[] promptIds = random.ints(prompt, 0, vocab).toArray();
        int[] genIds = random.ints(gen, 0, vocab).toArray();
        float[] logits = new float[vocab];
        InferenceState prefillState = prompt > 0 ? model.newState(ctx, prompt) : null;
        InferenceState decodeState = gen > 0 ? model.newState(ctx, 1) : null;

        double[] prefill = new double[reps];
        double[] decode = new double[reps];
        long cpuNanos = 0;
        long energy = 0;
        boolean haveEnergy = true;
        for (int r = -1; r < reps; r++) { // r = -1 is the warm-up
            if (prompt > 0) {
                prefillState.rewind(0);
                long t0 = System.nanoTime();
                model.forward(prefillState, promptIds, 0, prompt, logits, false);
                long dt = System.nanoTime() - t0;
                if (r >= 0) {
                    prefill[r] = prompt / (dt / 1e9);
                }
            }
            if (gen > 0) {
                decodeState.rewind(0);
                long c0 = ProcessStats.cpuNanos();
                var e0 = ProcessStats.energyMicrojoules();
                long t0 = System.nanoTime();
                for (int i = 0; i < gen; i++) {
                    model.forward(decodeState, genIds, i, 1, logits, false);
                }
                long dt = System.nanoTime() - t0;
                long c1 = ProcessStats.cpuNanos();
                var e1 = ProcessStats.energyMicrojoules();
                if (r >= 0) {
                    decode[r] = gen / (dt / 1e9);
                    cpuNanos += Math.max(0, c1 - c0); // a thread that ended meanwhile takes its time with it
                    if (e0.isPresent() && e1.isPresent()) {
                        energy += e1.get() - e0.get();
                    } else {
                        haveEnergy = false;
                    }
                }
            }
            if (r >= 0 && progress != null) {
                progress.done(r + 1, reps);
            }
        }
        double cpuPerToken = gen > 0 ? cpuNanos / 1e9 / ((double) gen * reps) : Double.NaN;
        Double joules = gen > 0 && haveEnergy ? energy / 1e6 / ((double) gen * reps) : null;
        return new Result(prompt, gen, model.threads(), median(prefill), median(decode), prefill, decode, cpuPerToken,
                joules, model.weights().byteSize());
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
