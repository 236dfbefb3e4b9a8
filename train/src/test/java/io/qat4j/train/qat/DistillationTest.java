package io.qat4j.train.qat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The distillation loss against a plain double-precision KL, and its gradient against finite differences. */
class DistillationTest {
    static final int ROWS = 3;
    static final int VOCAB = 11;

    @Test
    void lossIsTemperatureSquaredKlAndTheGradientMatchesFiniteDifferences() {
        var rnd = new SplittableRandom(5);
        for (double temperature : new double[] {1.0, 2.5}) {
            for (int k : new int[] {VOCAB, 4}) {
                float[] teacherLogits = random(rnd);
                float[] student = random(rnd);
                var teacher = TeacherTargets.topK(teacherLogits, ROWS, VOCAB, k);
                double expected = referenceLoss(student, teacher, temperature);
                float[] grad = student.clone();
                double loss = Distillation.lossAndGradient(grad, VOCAB, teacher, temperature, 1f);
                assertThat(loss).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
                for (int i = 0; i < student.length; i++) {
                    double h = 1e-3;
                    float[] up = student.clone();
                    float[] down = student.clone();
                    up[i] += (float) h;
                    down[i] -= (float) h;
                    double numeric = (referenceLoss(up, teacher, temperature) - referenceLoss(down, teacher, temperature))
                            / ((double) up[i] - down[i]);
                    assertThat((double) grad[i]).as("T %s k %d logit %d", temperature, k, i)
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void aStudentEqualToTheTeacherHasNoLossAndNoGradient() {
        float[] logits = random(new SplittableRandom(8));
        float[] grad = logits.clone();
        double loss = Distillation.lossAndGradient(grad, VOCAB, TeacherTargets.topK(logits, ROWS, VOCAB, VOCAB), 2, 1f);
        assertThat(loss).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        for (float g : grad) {
            assertThat((double) g).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-7));
        }
    }

    @Test
    void topKKeepsTheLargestLogitsLowerIdsFirstOnTies() {
        float[] logits = {0.5f, 2f, 2f, -1f, 3f};
        var t = TeacherTargets.topK(logits, 1, 5, 3);
        assertThat(t.ids()).containsExactly(4, 1, 2);
        assertThat(t.logits()).containsExactly(3f, 2f, 2f);
    }

    /** T²·Σ p_t(log p_t − log p_s), p = softmax(z/T), teacher renormalised over its k entries. */
    static double referenceLoss(float[] student, TeacherTargets t, double temperature) {
        double total = 0;
        for (int r = 0; r < t.rows(); r++) {
            double tNorm = 0;
            for (int i = 0; i < t.k(); i++) {
                tNorm += Math.exp(t.logits()[r * t.k() + i] / temperature);
            }
            double sNorm = 0;
            for (int v = 0; v < VOCAB; v++) {
                sNorm += Math.exp(student[r * VOCAB + v] / temperature);
            }
            for (int i = 0; i < t.k(); i++) {
                double pt = Math.exp(t.logits()[r * t.k() + i] / temperature) / tNorm;
                double ps = Math.exp(student[r * VOCAB + t.ids()[r * t.k() + i]] / temperature) / sNorm;
                total += pt * (Math.log(pt) - Math.log(ps));
            }
        }
        return temperature * temperature * total;
    }

    static float[] random(SplittableRandom rnd) {
        float[] a = new float[ROWS * VOCAB];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextGaussian() * 2);
        }
        return a;
    }
}
