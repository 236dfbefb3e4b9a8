package io.qat4j.train.qat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BlockGrid;
import io.qat4j.train.ArrayAssert;
import io.qat4j.train.SmallRun;
import io.qat4j.train.model.FakeQuantTransform;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.WeightTransform;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.optim.AdamWConfig;

/**
 * The straight-through estimator, checked without finite differences (which cannot see through a
 * rounding): the gradient a fake-quantized model hands its master weights is, bit for bit, the gradient
 * a float model whose weights ARE the fake-quantized values computes for them. For learned scales the
 * scale gradient is checked against the derivative of a smooth surrogate in which the rounding is
 * replaced by its straight-through linearisation.
 */
class StraightThroughGradientTest {
    static final int B = 2;
    static final int T = 16;

    @Test
    void masterGradientIsTheGradientOfTheFakeQuantizedWeights() {
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0}) {
            try (var ops = new FastOps(2)) {
                var quantized = model(ops);
                quantized.setTransforms(t -> t.isMatrix() ? new FakeQuantTransform(type) : WeightTransform.IDENTITY);
                var plain = model(ops);
                fakeQuantize(quantized, plain.parameters());

                int[][] batch = batch();
                double lossQ = lossAndGradients(quantized, batch);
                double lossP = lossAndGradients(plain, batch);
                assertThat(lossQ).isEqualTo(lossP);
                ArrayAssert.assertSameBits(type + " master gradients vs gradients of the fake-quantized weights",
                        plain.gradients(), quantized.gradients());
                assertThat(maxAbs(quantized.gradients())).isPositive();
            }
        }
    }

    @Test
    void learnedScalesPassTheWeightGradientStraightThroughAndTheirOwnIsTheSurrogatesDerivative() {
        try (var ops = new FastOps(2)) {
            var quantized = model(ops);
            var grids = new LinkedHashMap<ParamTensor, BlockGrid>();
            for (ParamTensor t : quantized.layout().tensors()) {
                if (t.isMatrix()) {
                    grids.put(t, BlockGrid.of(t.name().contains("ffn") ? GgmlType.Q4_0 : GgmlType.Q8_0));
                }
            }
            var scales = new LearnedScales(grids, quantized.parameters(), new AdamWConfig(0.9, 0.95, 1e-8, 0));
            // move the scales off round-to-nearest, far enough that some values clamp
            var rnd = new SplittableRandom(3);
            for (int i = 0; i < scales.size(); i++) {
                scales.values()[i] *= (float) (0.6 + 0.6 * rnd.nextDouble());
            }
            quantized.setTransforms(t -> scales.transform(t.name()) != null ? scales.transform(t.name())
                    : WeightTransform.IDENTITY);
            var plain = model(ops);
            fakeQuantize(quantized, plain.parameters());

            int[][] batch = batch();
            lossAndGradients(quantized, batch);
            lossAndGradients(plain, batch);
            ArrayAssert.assertSameBits("master gradients", plain.gradients(), quantized.gradients());

            scales.computeGradients(quantized.parameters(), quantized.gradients());
            // ∂L/∂s from the forward weights' gradient g, via the surrogate ŵ(s) = s·k + in·(w − s·w/s₀):
            // it equals d·k at s₀ and its derivative is the straight-through one
            double worst = 0;
            double largest = 0;
            for (ParamTensor t : grids.keySet()) {
                LearnedScaleTransform lt = scales.transform(t.name());
                for (int b = 0; b < t.size() / 32; b++) {
                    double numeric = surrogateDerivative(lt, b, quantized.parameters(), t.offset() + b * 32,
                            plain.gradients());
                    double analytic = scales.gradients()[lt.scaleOffset() + b];
                    worst = Math.max(worst, Math.abs(numeric - analytic));
                    largest = Math.max(largest, Math.abs(analytic));
                }
            }
            assertThat(largest).isPositive();
            assertThat(worst).isLessThan(1e-5 * largest);
        }
    }

    /**
     * Central difference of {@code L(s) = Σ_j g_j·ŵ_j(s)} — the first-order loss around the current
     * weights — for the surrogate block ŵ(s) = s·k + in·(w − s·w/s₀), evaluated in double.
     */
    static double surrogateDerivative(LearnedScaleTransform lt, int block, float[] w, int off, float[] g) {
        float s0 = lt.blockScale(block);
        byte[] k = new byte[32];
        lt.grid().levels(w, off, s0, k);
        double h = Math.abs(s0) * 1e-3;
        double up = 0;
        double down = 0;
        for (int j = 0; j < 32; j++) {
            double u = w[off + j] / (double) s0;
            boolean in = u > lt.grid().minLevel() - 0.5 && u < lt.grid().maxLevel() + 0.5;
            up += g[off + j] * surrogate(s0 + h, s0, k[j], w[off + j], in);
            down += g[off + j] * surrogate(s0 - h, s0, k[j], w[off + j], in);
        }
        return (up - down) / (2 * h);
    }

    static double surrogate(double s, double s0, int k, double w, boolean inside) {
        return s * k + (inside ? w - s * w / s0 : 0);
    }

    static GemmaModel model(FastOps ops) {
        var m = new GemmaModel(SmallRun.model(), B, T, ops);
        ModelInit.initialize(m.layout(), m.parameters(), 11);
        return m;
    }

    /** Writes what {@code from}'s transforms make of its master weights into {@code into}. */
    static void fakeQuantize(GemmaModel from, float[] into) {
        for (ParamTensor t : from.layout().tensors()) {
            from.transform(t.name()).forward(from.parameters(), t.offset(), t.rows(), t.cols(), into);
        }
    }

    static int[][] batch() {
        var rnd = new SplittableRandom(9);
        int[] in = new int[B * T];
        int[] tg = new int[B * T];
        for (int i = 0; i < in.length; i++) {
            in[i] = rnd.nextInt(256);
            tg[i] = rnd.nextInt(256);
        }
        return new int[][] {in, tg};
    }

    static double lossAndGradients(GemmaModel m, int[][] batch) {
        m.zeroGradients();
        double loss = m.forward(batch[0], batch[1], B, T);
        m.backward(1f / (B * T));
        return loss;
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
