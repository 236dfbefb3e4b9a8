package io.qat4j.eval;

/**
 * Double-precision log-softmax arithmetic on one row of float logits ({@code row[off .. off + n)}).
 * Sums run in double so that a 256k-entry vocabulary loses nothing to float rounding.
 */
public final class LogProbs {
    private LogProbs() {}

    /** log Σ exp(row[j]), shifted by the maximum so no term overflows. */
    public static double logSumExp(float[] row, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, row[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(row[off + j] - max);
        }
        return max + Math.log(sum);
    }

    /** The index of the largest logit (the first on ties). */
    public static int argmax(float[] row, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (row[off + j] > row[off + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * KL(p ‖ q) = Σ p_j (log p_j − log q_j) in nats, where p = softmax of the reference row and q =
     * softmax of the model row, given each row's {@link #logSumExp}.
     */
    public static double klDivergence(float[] ref, int refOff, double refLse, float[] model, int modelOff,
            double modelLse, int n) {
        double kl = 0;
        for (int j = 0; j < n; j++) {
            double logP = ref[refOff + j] - refLse;
            double logQ = model[modelOff + j] - modelLse;
            kl += Math.exp(logP) * (logP - logQ);
        }
        return kl;
    }
}
