package io.qat4j.infer.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the next token from logits per a {@link SamplerConfig}. Reuses its buffers, so one sampler
 * per sequence generates without allocating. Not thread-safe.
 */
public final class Sampler {
    private final SamplerConfig config;
    private final List<LogitProcessor> processors;
    private final SplittableRandom random;
    private long[] order = new long[0];
    private float[] probs = new float[0];

    public Sampler(SamplerConfig config) {
        this(config, List.of());
    }

    public Sampler(SamplerConfig config, List<LogitProcessor> processors) {
        this.config = config;
        this.processors = List.copyOf(processors);
        this.random = new SplittableRandom(config.seed());
    }

    public SamplerConfig config() {
        return config;
    }

    /**
     * Picks a token from {@code logits[0..vocab)}, which it may modify. {@code history} holds the
     * tokens so far (prompt and generated), for the repetition penalty and processors.
     */
    public int sample(float[] logits, int vocab, int[] history, int historyLength) {
        for (LogitProcessor p : processors) {
            p.process(logits, vocab, history, historyLength);
        }
        applyRepetitionPenalty(logits, vocab, history, historyLength);
        if (config.isGreedy()) {
            return argmax(logits, vocab);
        }
        int n = sortedCandidates(logits, vocab);
        if (n == 0) {
            throw new IllegalStateException("every token was masked: nothing can be sampled");
        }
        // Softmax over the kept candidates (sorted by logit, descending).
        float max = logits[index(0)];
        ensureProbs(n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            probs[i] = (float) Math.exp(logits[index(i)] - max);
            sum += probs[i];
        }
        // top-p: the smallest prefix with cumulative probability ≥ p.
        if (config.topP() < 1f) {
            double cum = 0;
            int keep = n;
            for (int i = 0; i < n; i++) {
                cum += probs[i] / sum;
                if (cum >= config.topP()) {
                    keep = i + 1;
                    break;
                }
            }
            n = keep;
        }
        // min-p: relative to the most likely token (probs[0] is exp(0) = 1 before normalising).
        if (config.minP() > 0f) {
            int keep = 1;
            while (keep < n && probs[keep] >= config.minP()) {
                keep++;
            }
            n = keep;
        }
        // Temperature, then draw.
        double total = 0;
        float invT = 1f / config.temperature();
        for (int i = 0; i < n; i++) {
            probs[i] = (float) Math.exp((logits[index(i)] - max) * invT);
            total += probs[i];
        }
        double r = random.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += probs[i];
            if (r < acc) {
                return index(i);
            }
        }
        return index(n - 1);
    }

    /** The index of the largest logit; the lowest index wins ties. −∞ everywhere is an error. */
    public static int argmax(float[] logits, int vocab) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            if (logits[i] > bestValue) {
                bestValue = logits[i];
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("every token was masked: nothing can be sampled");
        }
        return best;
    }

    private void applyRepetitionPenalty(float[] logits, int vocab, int[] history, int historyLength) {
        float penalty = config.repetitionPenalty();
        if (penalty == 1f || historyLength == 0 || config.repeatLastN() == 0) {
            return;
        }
        int from = Math.max(0, historyLength - config.repeatLastN());
        // Penalise each distinct token once, as llama.cpp does (mark by flipping to a sentinel pass).
        for (int i = from; i < historyLength; i++) {
            int t = history[i];
            if (t < 0 || t >= vocab || seenEarlier(history, from, i, t)) {
                continue;
            }
            logits[t] = logits[t] > 0 ? logits[t] / penalty : logits[t] * penalty;
        }
    }

    private static boolean seenEarlier(int[] history, int from, int i, int t) {
        for (int j = from; j < i; j++) {
            if (history[j] == t) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills {@code order} with the finite candidates sorted by logit, descending (ties: lower id
     * first), truncated to top-k; returns how many.
     */
    private int sortedCandidates(float[] logits, int vocab) {
        if (order.length < vocab) {
            order = new long[vocab];
        }
        int n = 0;
        for (int i = 0; i < vocab; i++) {
            float l = logits[i];
            if (l != Float.NEGATIVE_INFINITY && !Float.isNaN(l)) {
                // Larger logit first: sort ascending on the negated, order-preserving bit pattern.
                order[n++] = ((long) ~sortableBits(l) << 32) | i;
            }
        }
        int k = config.topK() > 0 ? Math.min(config.topK(), n) : n;
        if (k < n && k <= 256) {
            selectTopK(n, k);
            Arrays.sort(order, 0, k);
        } else {
            Arrays.sort(order, 0, n);
        }
        return k;
    }

    /** Moves the k smallest keys of order[0..n) to order[0..k) (a bounded insertion pass). */
    private void selectTopK(int n, int k) {
        Arrays.sort(order, 0, k);
        for (int i = k; i < n; i++) {
            long key = order[i];
            if (key < order[k - 1]) {
                int j = k - 1;
                while (j > 0 && order[j - 1] > key) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[i] = order[k - 1];
                order[j] = key;
            }
        }
    }

    /** Float bits mapped so that signed int order equals float order. */
    private static int sortableBits(float f) {
        int b = Float.floatToIntBits(f);
        return b >= 0 ? b : b ^ 0x7FFF_FFFF;
    }

    private int index(int i) {
        return (int) order[i];
    }

    private void ensureProbs(int n) {
        if (probs.length < n) {
            probs = new float[n];
        }
    }
}
