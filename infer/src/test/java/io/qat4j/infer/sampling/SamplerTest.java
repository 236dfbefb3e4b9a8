package io.qat4j.infer.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SamplerTest {
    static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 0.5f, -1.0f, 2.9f};
    static final int DRAWS = 40_000;

    static int[] histogram(SamplerConfig cfg, float[] logits, int draws) {
        Sampler s = new Sampler(cfg);
        int[] counts = new int[logits.length];
        for (int i = 0; i < draws; i++) {
            counts[s.sample(logits.clone(), logits.length, new int[0], 0)]++;
        }
        return counts;
    }

    /** softmax(l/T) computed independently, in double. */
    static double[] softmax(float[] l, double temperature, boolean[] keep) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < l.length; i++) {
            if (keep[i]) {
                max = Math.max(max, l[i]);
            }
        }
        double[] p = new double[l.length];
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            p[i] = keep[i] ? Math.exp((l[i] - max) / temperature) : 0;
            sum += p[i];
        }
        for (int i = 0; i < l.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static void assertFrequencies(int[] counts, double[] expected) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        for (int i = 0; i < counts.length; i++) {
            double f = counts[i] / (double) n;
            // 5 standard deviations of a binomial proportion, plus a floor for p≈0.
            double sd = Math.sqrt(expected[i] * (1 - expected[i]) / n);
            assertThat(f).as("token %d frequency", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(5 * sd + 1e-4));
        }
    }

    @Test
    void greedyTakesTheLargestLogitAndTheLowestIdOnTies() {
        assertThat(new Sampler(SamplerConfig.GREEDY).sample(LOGITS.clone(), 6, new int[0], 0)).isEqualTo(1);
        assertThat(Sampler.argmax(new float[] {0f, 5f, 5f}, 3)).isEqualTo(1);
    }

    @Test
    void temperatureOneDrawsFromTheSoftmax() {
        var cfg = new SamplerConfig(1f, 0, 1f, 0f, 1f, 64, 42);
        boolean[] all = {true, true, true, true, true, true};
        assertFrequencies(histogram(cfg, LOGITS, DRAWS), softmax(LOGITS, 1, all));
    }

    @Test
    void lowTemperatureSharpensAndHighTemperatureFlattens() {
        boolean[] all = {true, true, true, true, true, true};
        assertFrequencies(histogram(new SamplerConfig(0.5f, 0, 1f, 0f, 1f, 64, 1), LOGITS, DRAWS), softmax(LOGITS, 0.5, all));
        assertFrequencies(histogram(new SamplerConfig(2f, 0, 1f, 0f, 1f, 64, 2), LOGITS, DRAWS), softmax(LOGITS, 2, all));
    }

    @Test
    void topKKeepsOnlyTheKMostLikely() {
        // Top-3 by logit: ids 1 (3.0), 5 (2.9), 2 (2.0).
        boolean[] keep = {false, true, true, false, false, true};
        assertFrequencies(histogram(new SamplerConfig(1f, 3, 1f, 0f, 1f, 64, 3), LOGITS, DRAWS), softmax(LOGITS, 1, keep));
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // Probabilities (T=1): id1 .366, id5 .331, id2 .135, id0 .050, id3 .030, id4 .007.
        // p = 0.8: .366 + .331 = .697 < .8, + .135 = .832 ≥ .8 → {1, 5, 2}.
        boolean[] keep = {false, true, true, false, false, true};
        assertFrequencies(histogram(new SamplerConfig(1f, 0, 0.8f, 0f, 1f, 64, 4), LOGITS, DRAWS), softmax(LOGITS, 1, keep));
    }

    @Test
    void minPDropsTokensLessLikelyThanAFractionOfTheBest() {
        // Relative to id1: id5 e^-0.1=.905, id2 e^-1=.368, id0 e^-2=.135, id3 .082, id4 .018. min-p 0.3 → {1,5,2}.
        boolean[] keep = {false, true, true, false, false, true};
        assertFrequencies(histogram(new SamplerConfig(1f, 0, 1f, 0.3f, 1f, 64, 5), LOGITS, DRAWS), softmax(LOGITS, 1, keep));
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOfRecentTokensOnce() {
        float[] logits = {2f, -1f, 3f};
        var cfg = new SamplerConfig(0f, 0, 1f, 0f, 2f, 2, 0);
        // History [0, 2, 2, 1]: the last 2 are {2, 1}; token 2 appears twice but is penalised once.
        int pick = new Sampler(cfg).sample(logits, 3, new int[] {0, 2, 2, 1}, 4);
        assertThat(logits).containsExactly(2f, -2f, 1.5f);
        assertThat(pick).isEqualTo(0);
    }

    @Test
    void processorsMaskTokensAndTheMassRenormalises() {
        LogitProcessor banSecondBest = (l, v, h, n) -> l[5] = Float.NEGATIVE_INFINITY;
        Sampler s = new Sampler(new SamplerConfig(1f, 0, 1f, 0f, 1f, 64, 6), List.of(banSecondBest));
        int[] counts = new int[6];
        for (int i = 0; i < DRAWS; i++) {
            counts[s.sample(LOGITS.clone(), 6, new int[0], 0)]++;
        }
        boolean[] keep = {true, true, true, true, true, false};
        assertFrequencies(counts, softmax(LOGITS, 1, keep));
    }

    @Test
    void everythingMaskedIsAClearError() {
        float[] l = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> new Sampler(SamplerConfig.defaults(1)).sample(l, 2, new int[0], 0))
                .hasMessageContaining("masked");
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new SamplerConfig(-1f, 0, 1f, 0f, 1f, 64, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new SamplerConfig(1f, 0, 0f, 0f, 1f, 64, 0)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> new SamplerConfig(1f, -2, 1f, 0f, 1f, 64, 0)).hasMessageContaining("top-k");
    }

    @Property(tries = 200)
    void theSameSeedGivesTheSameTokens(@ForAll @Size(min = 2, max = 300) List<@FloatRange(min = -20, max = 20) Float> values,
            @ForAll @IntRange(min = 0, max = 50) int topK, @ForAll long seed) {
        float[] logits = new float[values.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = values.get(i);
        }
        var cfg = new SamplerConfig(0.9f, topK, 0.9f, 0.02f, 1.1f, 8, seed);
        Sampler a = new Sampler(cfg);
        Sampler b = new Sampler(cfg);
        int[] hist = new int[16];
        for (int i = 0; i < 16; i++) {
            int x = a.sample(logits.clone(), logits.length, hist, i);
            int y = b.sample(logits.clone(), logits.length, hist, i);
            assertThat(x).isEqualTo(y).isBetween(0, logits.length - 1);
            hist[i] = x;
        }
    }

    @Property(tries = 300)
    void topKSelectionAgreesWithAFullSort(@ForAll @Size(min = 1, max = 400) List<@FloatRange(min = -5, max = 5) Float> values,
            @ForAll @IntRange(min = 1, max = 300) int topK) {
        float[] logits = new float[values.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = values.get(i);
        }
        // With temperature near zero the draw is the top candidate; with top-k = 1 always the argmax.
        var cfg = new SamplerConfig(1f, 1, 1f, 0f, 1f, 64, 9);
        assertThat(new Sampler(cfg).sample(logits.clone(), logits.length, new int[0], 0))
                .isEqualTo(Sampler.argmax(logits, logits.length));
        // Every drawn token under top-k is among the k largest (ties broken by lower id).
        Integer[] ids = new Integer[logits.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        java.util.Arrays.sort(ids, (p, q) -> logits[p] != logits[q] ? Float.compare(logits[q], logits[p]) : Integer.compare(p, q));
        var allowed = java.util.Set.of(java.util.Arrays.copyOf(ids, Math.min(topK, ids.length)));
        Sampler s = new Sampler(new SamplerConfig(3f, topK, 1f, 0f, 1f, 64, 11));
        for (int i = 0; i < 50; i++) {
            assertThat(allowed).contains(s.sample(logits.clone(), logits.length, new int[0], 0));
        }
    }
}
