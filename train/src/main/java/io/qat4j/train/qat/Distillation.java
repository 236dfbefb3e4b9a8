package io.qat4j.train.qat;

/**
 * The distillation loss at temperature T: for each position,
 * {@code T²·KL(p_t ‖ p_s) = T²·Σ_i p_t(i)·(log p_t(i) − log p_s(i))} with {@code p = softmax(z/T)};
 * p_t is the teacher's distribution over its {@link TeacherTargets} (renormalised over the top k when
 * only those are kept), p_s the student's over the whole vocabulary. The T² keeps the gradient's size
 * independent of T (Hinton et al.): {@code ∂/∂z_s(v) = T·(p_s(v) − p_t(v))}, p_t(v) = 0 outside the k.
 *
 * <p>Sums run in double with {@link StrictMath}, in a fixed order, so a resumed run repeats bit for bit.
 */
public final class Distillation {
    private Distillation() {}

    /**
     * Replaces {@code studentLogits} ([rows, vocab]) by {@code gradScale·∂loss/∂logits} and returns the
     * summed loss of the rows.
     */
    public static double lossAndGradient(float[] studentLogits, int vocab, TeacherTargets teacher, double temperature,
            float gradScale) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("the distillation temperature must be positive, got " + temperature);
        }
        int k = teacher.k();
        double invT = 1 / temperature;
        double[] pt = new double[k];
        double[] row = new double[vocab];
        double total = 0;
        for (int r = 0; r < teacher.rows(); r++) {
            int o = r * vocab;
            // teacher: softmax over its k logits
            double tMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                tMax = Math.max(tMax, teacher.logits()[r * k + i] * invT);
            }
            double tSum = 0;
            for (int i = 0; i < k; i++) {
                pt[i] = StrictMath.exp(teacher.logits()[r * k + i] * invT - tMax);
                tSum += pt[i];
            }
            double tLogSum = StrictMath.log(tSum);
            // student: log-softmax over the vocabulary
            double sMax = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                sMax = Math.max(sMax, studentLogits[o + v] * invT);
            }
            double sSum = 0;
            for (int v = 0; v < vocab; v++) {
                row[v] = StrictMath.exp(studentLogits[o + v] * invT - sMax);
                sSum += row[v];
            }
            double sLogSum = StrictMath.log(sSum);
            double kl = 0;
            for (int i = 0; i < k; i++) {
                int id = teacher.ids()[r * k + i];
                double logPt = teacher.logits()[r * k + i] * invT - tMax - tLogSum;
                double logPs = studentLogits[o + id] * invT - sMax - sLogSum;
                pt[i] /= tSum;
                kl += pt[i] * (logPt - logPs);
            }
            total += temperature * temperature * kl;
            for (int v = 0; v < vocab; v++) {
                row[v] /= sSum;
            }
            for (int i = 0; i < k; i++) {
                row[teacher.ids()[r * k + i]] -= pt[i];
            }
            double g = gradScale * temperature;
            for (int v = 0; v < vocab; v++) {
                studentLogits[o + v] = (float) (g * row[v]);
            }
        }
        return total;
    }
}
