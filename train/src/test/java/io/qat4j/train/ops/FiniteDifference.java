package io.qat4j.train.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a scalar loss with respect to entries of a float array, compared
 * with an analytic gradient. The loss is summed in double so that float rounding of the outputs, not
 * of the sum, sets the noise floor.
 */
public final class FiniteDifference {
    private FiniteDifference() {}

    /**
     * Checks {@code samples} random entries of {@code param[off .. off+n)} (all of them when n is small).
     *
     * @return the largest |numeric − analytic| seen
     */
    public static double check(String what, float[] param, int off, int n, float[] analytic, int analyticOff,
            DoubleSupplier loss, int samples, double h, double absTol, double relTol, SplittableRandom rnd) {
        double worst = 0;
        int count = Math.min(samples, n);
        for (int s = 0; s < count; s++) {
            int i = off + (n <= samples ? s : rnd.nextInt(n));
            float saved = param[i];
            param[i] = (float) (saved + h);
            double up = loss.getAsDouble();
            param[i] = (float) (saved - h);
            double down = loss.getAsDouble();
            double step = (double) (float) (saved + h) - (double) (float) (saved - h);
            param[i] = saved;
            double numeric = (up - down) / step;
            double a = analytic[analyticOff + (i - off)];
            double diff = Math.abs(numeric - a);
            assertThat(diff).as("%s[%d]: numeric %s vs analytic %s", what, i - off, numeric, a)
                    .isLessThanOrEqualTo(absTol + relTol * Math.abs(a));
            worst = Math.max(worst, diff);
        }
        return worst;
    }

    /** Σ out[i]·weights[i] in double: a loss whose gradient with respect to out is {@code weights}. */
    public static double project(float[] out, float[] weights, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) out[i] * weights[i];
        }
        return s;
    }

    public static float[] gaussian(SplittableRandom rnd, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * std);
        }
        return a;
    }
}
