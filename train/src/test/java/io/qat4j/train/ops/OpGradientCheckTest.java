package io.qat4j.train.ops;

import static io.qat4j.train.ops.FiniteDifference.check;
import static io.qat4j.train.ops.FiniteDifference.gaussian;
import static io.qat4j.train.ops.FiniteDifference.project;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of every backward kernel of {@link ReferenceOps} on small random shapes:
 * the loss is Σ out·R for a fixed random R, so the analytic input gradient is backward(dOut = R).
 */
class OpGradientCheckTest {
    static final double H = 1e-2;
    static final double ABS = 2e-4;
    static final double REL = 2e-3;
    final TrainOps ops = ReferenceOps.INSTANCE;

    @Test
    void embedding() {
        var rnd = new SplittableRandom(1);
        int vocab = 7;
        int dim = 5;
        int rows = 9;
        int[] tokens = rnd.ints(rows, 0, vocab).toArray();
        tokens[1] = tokens[0]; // a repeated token must accumulate
        float[] table = gaussian(rnd, vocab * dim + 3, 1);
        float[] r = gaussian(rnd, rows * dim, 1);
        float[] out = new float[rows * dim];
        float scale = (float) Math.sqrt(dim);
        float[] dTable = new float[table.length];
        ops.embeddingBackward(dTable, 3, tokens, rows, r, dim, scale);
        check("dTable", table, 3, vocab * dim, dTable, 3, () -> {
            ops.embeddingForward(out, tokens, rows, table, 3, dim, scale);
            return project(out, r, out.length);
        }, 100, H, ABS, REL, rnd);
    }

    @ParameterizedTest
    @CsvSource({"4, 6", "3, 16", "1, 33"})
    void rmsNorm(int rows, int dim) {
        var rnd = new SplittableRandom(rows * 100L + dim);
        float[] x = gaussian(rnd, rows * dim, 1.5);
        float[] g = gaussian(rnd, dim + 2, 0.5);
        for (int i = 0; i < g.length; i++) {
            g[i] += 1f;
        }
        float[] r = gaussian(rnd, rows * dim, 1);
        float[] out = new float[rows * dim];
        float[] rstd = new float[rows];
        ops.rmsNormForward(out, rstd, x, g, 2, rows, dim, 1e-6f);
        float[] dx = gaussian(rnd, rows * dim, 1); // overwritten (accumulate = false)
        float[] dg = new float[g.length];
        ops.rmsNormBackward(dx, false, dg, 2, r, x, g, 2, rstd, rows, dim);
        java.util.function.DoubleSupplier loss = () -> {
            ops.rmsNormForward(out, rstd, x, g, 2, rows, dim, 1e-6f);
            return project(out, r, out.length);
        };
        check("dx", x, 0, x.length, dx, 0, loss, 60, H, ABS, REL, rnd);
        check("dg", g, 2, dim, dg, 2, loss, 60, H, ABS, REL, rnd);
        // accumulate = true adds to what is there
        float[] acc = new float[rows * dim];
        java.util.Arrays.fill(acc, 1f);
        ops.rmsNormBackward(acc, true, new float[g.length], 2, r, x, g, 2, rstd, rows, dim);
        for (int i = 0; i < acc.length; i++) {
            assertThat(acc[i]).isCloseTo(dx[i] + 1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void qkNormIsRmsNormOverEachHead() {
        // q is [rows, heads·headDim]; the head norm treats it as rows·heads rows of headDim.
        var rnd = new SplittableRandom(5);
        int rows = 3;
        int heads = 4;
        int hd = 8;
        float[] q = gaussian(rnd, rows * heads * hd, 1);
        float[] g = gaussian(rnd, hd, 0.3);
        float[] out = new float[q.length];
        float[] rstd = new float[rows * heads];
        ops.rmsNormForward(out, rstd, q, g, 0, rows * heads, hd, 1e-6f);
        for (int h = 0; h < heads; h++) {
            double ss = 0;
            for (int i = 0; i < hd; i++) {
                ss += q[(1 * heads + h) * hd + i] * q[(1 * heads + h) * hd + i];
            }
            double inv = 1 / Math.sqrt(ss / hd + 1e-6);
            assertThat((double) out[(1 * heads + h) * hd + 3]).isCloseTo(q[(1 * heads + h) * hd + 3] * inv * g[3],
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        float[] r = gaussian(rnd, q.length, 1);
        float[] dq = new float[q.length];
        float[] dg = new float[hd];
        ops.rmsNormBackward(dq, false, dg, 0, r, q, g, 0, rstd, rows * heads, hd);
        java.util.function.DoubleSupplier loss = () -> {
            ops.rmsNormForward(out, rstd, q, g, 0, rows * heads, hd, 1e-6f);
            return project(out, r, out.length);
        };
        check("dq", q, 0, q.length, dq, 0, loss, 96, H, ABS, REL, rnd);
        check("dg", g, 0, hd, dg, 0, loss, 8, H, ABS, REL, rnd);
    }

    @ParameterizedTest
    @CsvSource({"5, 7, 3", "2, 32, 17", "1, 1, 1"})
    void linear(int rows, int in, int out) {
        var rnd = new SplittableRandom(rows * 31L + in * 7L + out);
        float[] x = gaussian(rnd, rows * in, 1);
        float[] w = gaussian(rnd, out * in + 4, 0.3);
        float[] r = gaussian(rnd, rows * out, 1);
        float[] y = new float[rows * out];
        float[] dx = new float[rows * in];
        float[] dw = new float[w.length];
        ops.matmulBackwardInput(dx, false, r, w, 4, rows, in, out);
        ops.matmulBackwardWeight(dw, 4, r, x, rows, in, out);
        java.util.function.DoubleSupplier loss = () -> {
            ops.matmulForward(y, x, w, 4, rows, in, out);
            return project(y, r, y.length);
        };
        check("dx", x, 0, x.length, dx, 0, loss, 40, H, ABS, REL, rnd);
        check("dw", w, 4, out * in, dw, 4, loss, 40, H, ABS, REL, rnd);
    }

    @Test
    void rope() {
        var rnd = new SplittableRandom(9);
        int seq = 5;
        int rows = 2 * seq;
        int heads = 3;
        int hd = 8;
        var table = new RopeTable(hd, seq, 10000, 1);
        float[] x = gaussian(rnd, rows * heads * hd, 1);
        float[] r = gaussian(rnd, x.length, 1);
        float[] dx = r.clone();
        ops.ropeBackward(dx, rows, seq, heads, hd, table);
        float[] work = new float[x.length];
        check("dx", x, 0, x.length, dx, 0, () -> {
            System.arraycopy(x, 0, work, 0, x.length);
            ops.ropeForward(work, rows, seq, heads, hd, table);
            return project(work, r, work.length);
        }, 240, H, ABS, REL, rnd);
        // position 0 is not rotated; norms are preserved everywhere
        System.arraycopy(x, 0, work, 0, x.length);
        ops.ropeForward(work, rows, seq, heads, hd, table);
        for (int i = 0; i < heads * hd; i++) {
            assertThat(work[i]).isEqualTo(x[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 6, 4, 2, 4, 3", "1, 7, 2, 1, 8, 0", "2, 5, 3, 3, 2, 1", "1, 4, 2, 2, 4, 9"})
    void attention(int batch, int seq, int heads, int kvHeads, int hd, int window) {
        var rnd = new SplittableRandom(batch * 1000L + seq * 100L + window);
        var s = new AttentionShape(batch, seq, heads, kvHeads, hd, window, (float) (1 / Math.sqrt(hd)));
        int rows = batch * seq;
        float[] q = gaussian(rnd, rows * s.qDim(), 1);
        float[] k = gaussian(rnd, rows * s.kvDim(), 1);
        float[] v = gaussian(rnd, rows * s.kvDim(), 1);
        float[] r = gaussian(rnd, rows * s.qDim(), 1);
        float[] y = new float[rows * s.qDim()];
        float[] probs = new float[(int) s.probsSize()];
        ops.attentionForward(y, probs, q, k, v, s);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        ops.attentionBackward(dq, dk, dv, r, probs, q, k, v, s);
        java.util.function.DoubleSupplier loss = () -> {
            ops.attentionForward(y, probs, q, k, v, s);
            return project(y, r, y.length);
        };
        check("dq", q, 0, q.length, dq, 0, loss, 60, H, ABS, REL, rnd);
        check("dk", k, 0, k.length, dk, 0, loss, 60, H, ABS, REL, rnd);
        check("dv", v, 0, v.length, dv, 0, loss, 60, H, ABS, REL, rnd);
        // masking: a query never sees the future, nor keys window or more positions back
        ops.attentionForward(y, probs, q, k, v, s);
        for (int t = 0; t < seq; t++) {
            for (int j = 0; j < seq; j++) {
                boolean visible = j <= t && (window == 0 || t - j < window);
                float p = probs[t * seq + j];
                assertThat(p > 0).as("p[%d,%d]", t, j).isEqualTo(visible);
            }
        }
    }

    @Test
    void geluGate() {
        var rnd = new SplittableRandom(11);
        int n = 50;
        float[] gate = gaussian(rnd, n, 2);
        float[] up = gaussian(rnd, n, 1);
        float[] r = gaussian(rnd, n, 1);
        float[] out = new float[n];
        float[] dGate = new float[n];
        float[] dUp = new float[n];
        ops.geluGateBackward(dGate, dUp, r, gate, up, n);
        java.util.function.DoubleSupplier loss = () -> {
            ops.geluGateForward(out, gate, up, n);
            return project(out, r, n);
        };
        check("dGate", gate, 0, n, dGate, 0, loss, n, H, ABS, REL, rnd);
        check("dUp", up, 0, n, dUp, 0, loss, n, H, ABS, REL, rnd);
        assertThat((double) ReferenceOps.gelu(1f)).isCloseTo(0.8411919906, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void residualAddPassesTheGradientThrough() {
        var rnd = new SplittableRandom(12);
        int n = 20;
        float[] a = gaussian(rnd, n, 1);
        float[] b = gaussian(rnd, n, 1);
        float[] r = gaussian(rnd, n, 1);
        float[] out = new float[n];
        java.util.function.DoubleSupplier loss = () -> {
            ops.add(out, a, b, n);
            return project(out, r, n);
        };
        check("da", a, 0, n, r, 0, loss, n, H, ABS, REL, rnd);
        check("db", b, 0, n, r, 0, loss, n, H, ABS, REL, rnd);
        float[] acc = a.clone();
        ops.accumulate(acc, b, n);
        ops.add(out, a, b, n);
        assertThat(acc).containsExactly(out);
    }

    @Test
    void crossEntropy() {
        var rnd = new SplittableRandom(13);
        int rows = 4;
        int vocab = 11;
        float[] logits = gaussian(rnd, rows * vocab, 2);
        int[] targets = rnd.ints(rows, 0, vocab).toArray();
        float[] losses = new float[rows];
        float scale = 0.25f;
        float[] grad = logits.clone();
        ops.crossEntropyBackward(grad, targets, rows, vocab, scale);
        check("dlogits", logits, 0, logits.length, grad, 0, () -> {
            ops.crossEntropyForward(losses, logits, targets, rows, vocab);
            double s = 0;
            for (float l : losses) {
                s += l;
            }
            return s * scale;
        }, 44, H, ABS, REL, rnd);
        // uniform logits give ln(vocab)
        float[] zeros = new float[vocab];
        ops.crossEntropyForward(losses, zeros, new int[] {3}, 1, vocab);
        assertThat((double) losses[0]).isCloseTo(Math.log(vocab), org.assertj.core.data.Offset.offset(1e-6));
    }
}
