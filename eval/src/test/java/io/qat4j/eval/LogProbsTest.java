package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LogProbsTest {

    @Test
    void logSumExpOfKnownRows() {
        float[] row = {0, 0, 0, 0};
        assertThat(LogProbs.logSumExp(row, 0, 4)).isCloseTo(Math.log(4), within(1e-15));
        float[] big = {1000f, 1000f};
        assertThat(LogProbs.logSumExp(big, 0, 2)).isCloseTo(1000 + Math.log(2), within(1e-12)); // no overflow
        float[] offset = {9, 9, 1, 2, 3};
        assertThat(LogProbs.logSumExp(offset, 2, 3)).isCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-14));
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        assertThat(LogProbs.argmax(new float[] {1, 5, 5, 2}, 0, 4)).isEqualTo(1);
        assertThat(LogProbs.argmax(new float[] {7, 1, 5, 5}, 1, 3)).isEqualTo(1);
    }

    @Test
    void klOfTwoKnownDistributions() {
        // p = (1/2, 1/2), q = (1/4, 3/4): KL = 1/2 ln 2 + 1/2 ln (2/3)
        float[] p = {0, 0};
        float[] q = {(float) Math.log(1), (float) Math.log(3)};
        double kl = LogProbs.klDivergence(p, 0, LogProbs.logSumExp(p, 0, 2), q, 0, LogProbs.logSumExp(q, 0, 2), 2);
        assertThat(kl).isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), within(1e-7));
    }

    @Property(tries = 200)
    void klIsZeroForIdenticalRowsAndPositiveOtherwise(@ForAll @IntRange(min = 2, max = 400) int n,
            @ForAll long seed) {
        var random = new java.util.SplittableRandom(seed);
        float[] a = new float[n];
        float[] b = new float[n];
        for (int j = 0; j < n; j++) {
            a[j] = (float) (random.nextGaussian() * 3);
            b[j] = a[j] + (float) random.nextGaussian();
        }
        double la = LogProbs.logSumExp(a, 0, n);
        assertThat(LogProbs.klDivergence(a, 0, la, a, 0, la, n)).isEqualTo(0.0);
        assertThat(LogProbs.klDivergence(a, 0, la, b, 0, LogProbs.logSumExp(b, 0, n), n)).isGreaterThan(0.0);
    }
}
