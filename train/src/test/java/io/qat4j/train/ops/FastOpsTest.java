package io.qat4j.train.ops;

import static io.qat4j.train.ops.FiniteDifference.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Every fast kernel against its reference over random shapes, including sizes that are not multiples
 * of the vector width, rows not multiples of the row blocks, and sliding windows of every size.
 */
class FastOpsTest {
    static FastOps fast;
    static final TrainOps ref = ReferenceOps.INSTANCE;

    @BeforeAll
    static void start() {
        fast = new FastOps(3);
    }

    @AfterAll
    static void stop() {
        fast.close();
    }

    static void assertClose(String what, float[] expected, float[] actual, int n, double tol) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        for (int i = 0; i < n; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tol * Math.max(1, scale)));
        }
    }

    @RepeatedTest(8)
    void rowWiseOps(RepetitionInfo info) {
        var r = new SplittableRandom(info.getCurrentRepetition());
        int rows = 1 + r.nextInt(150);
        int dim = 1 + r.nextInt(70);
        int vocab = 2 + r.nextInt(300);
        float[] x = gaussian(r, rows * dim, 1);
        float[] g = gaussian(r, dim + 3, 1);
        float[] dy = gaussian(r, rows * dim, 1);
        // rmsnorm forward / backward
        float[] o1 = new float[rows * dim], o2 = new float[rows * dim], s1 = new float[rows], s2 = new float[rows];
        ref.rmsNormForward(o1, s1, x, g, 3, rows, dim, 1e-6f);
        fast.rmsNormForward(o2, s2, x, g, 3, rows, dim, 1e-6f);
        assertClose("rmsnorm", o1, o2, o1.length, 1e-5);
        for (boolean acc : new boolean[] {false, true}) {
            float[] dx1 = gaussian(new SplittableRandom(9), rows * dim, 1), dx2 = dx1.clone();
            float[] dg1 = gaussian(new SplittableRandom(8), dim + 3, 1), dg2 = dg1.clone();
            ref.rmsNormBackward(dx1, acc, dg1, 3, dy, x, g, 3, s1, rows, dim);
            fast.rmsNormBackward(dx2, acc, dg2, 3, dy, x, g, 3, s1, rows, dim);
            assertClose("rmsnorm dx", dx1, dx2, dx1.length, 1e-5);
            assertClose("rmsnorm dg", dg1, dg2, dg1.length, 1e-5);
        }
        // embedding
        int[] tokens = r.ints(rows, 0, vocab).toArray();
        float[] table = gaussian(r, vocab * dim + 2, 1);
        ref.embeddingForward(o1, tokens, rows, table, 2, dim, 3f);
        fast.embeddingForward(o2, tokens, rows, table, 2, dim, 3f);
        assertClose("embedding", o1, o2, o1.length, 1e-6);
        float[] dt1 = new float[table.length], dt2 = new float[table.length];
        ref.embeddingBackward(dt1, 2, tokens, rows, dy, dim, 3f);
        fast.embeddingBackward(dt2, 2, tokens, rows, dy, dim, 3f);
        assertClose("embedding backward", dt1, dt2, dt1.length, 1e-6);
        // cross-entropy
        float[] logits = gaussian(r, rows * vocab, 3);
        int[] targets = r.ints(rows, 0, vocab).toArray();
        ref.crossEntropyForward(s1, logits, targets, rows, vocab);
        fast.crossEntropyForward(s2, logits, targets, rows, vocab);
        assertClose("cross-entropy", s1, s2, rows, 1e-6);
        float[] l1 = logits.clone(), l2 = logits.clone();
        ref.crossEntropyBackward(l1, targets, rows, vocab, 0.01f);
        fast.crossEntropyBackward(l2, targets, rows, vocab, 0.01f);
        assertClose("cross-entropy backward", l1, l2, l1.length, 1e-6);
        // elementwise
        int n = rows * dim;
        float[] up = gaussian(r, n, 1);
        ref.geluGateForward(o1, x, up, n);
        fast.geluGateForward(o2, x, up, n);
        assertClose("gelu gate", o1, o2, n, 1e-6);
        float[] dg1 = new float[n], du1 = new float[n], dg2 = new float[n], du2 = new float[n];
        ref.geluGateBackward(dg1, du1, dy, x, up, n);
        fast.geluGateBackward(dg2, du2, dy, x, up, n);
        assertClose("gelu dGate", dg1, dg2, n, 1e-6);
        assertClose("gelu dUp", du1, du2, n, 1e-6);
        ref.add(o1, x, dy, n);
        fast.add(o2, x, dy, n);
        assertThat(o2).containsExactly(o1);
        float[] a2 = x.clone();
        fast.accumulate(a2, dy, n);
        assertThat(java.util.Arrays.copyOf(a2, n)).containsExactly(java.util.Arrays.copyOf(o1, n));
    }

    @RepeatedTest(8)
    void linear(RepetitionInfo info) {
        var r = new SplittableRandom(100 + info.getCurrentRepetition());
        int rows = 1 + r.nextInt(200);
        int in = 1 + r.nextInt(90);
        int out = 1 + r.nextInt(90);
        float[] x = gaussian(r, rows * in, 1);
        float[] w = gaussian(r, out * in + 5, 1);
        float[] dy = gaussian(r, rows * out, 1);
        float[] y1 = new float[rows * out], y2 = new float[rows * out];
        ref.matmulForward(y1, x, w, 5, rows, in, out);
        fast.matmulForward(y2, x, w, 5, rows, in, out);
        assertClose("matmul", y1, y2, y1.length, 1e-5);
        for (boolean acc : new boolean[] {false, true}) {
            float[] dx1 = gaussian(new SplittableRandom(3), rows * in, 1), dx2 = dx1.clone();
            ref.matmulBackwardInput(dx1, acc, dy, w, 5, rows, in, out);
            fast.matmulBackwardInput(dx2, acc, dy, w, 5, rows, in, out);
            assertClose("dx", dx1, dx2, dx1.length, 1e-5);
        }
        float[] dw1 = gaussian(new SplittableRandom(4), out * in + 5, 1), dw2 = dw1.clone();
        ref.matmulBackwardWeight(dw1, 5, dy, x, rows, in, out);
        fast.matmulBackwardWeight(dw2, 5, dy, x, rows, in, out);
        assertClose("dw", dw1, dw2, dw1.length, 1e-5);
    }

    @RepeatedTest(6)
    void ropeAndAttention(RepetitionInfo info) {
        var r = new SplittableRandom(200 + info.getCurrentRepetition());
        int batch = 1 + r.nextInt(3);
        int seq = 1 + r.nextInt(90);
        int kvHeads = 1 + r.nextInt(2);
        int heads = kvHeads * (1 + r.nextInt(3));
        int hd = 2 * (1 + r.nextInt(20));
        int window = r.nextBoolean() ? 0 : 1 + r.nextInt(40);
        var s = new AttentionShape(batch, seq, heads, kvHeads, hd, window, (float) (1 / Math.sqrt(hd)));
        int rows = batch * seq;
        var table = new RopeTable(hd, seq, r.nextBoolean() ? 1e4 : 1e6, 1);
        float[] q = gaussian(r, rows * s.qDim(), 1);
        float[] q1 = q.clone(), q2 = q.clone();
        ref.ropeForward(q1, rows, seq, heads, hd, table);
        fast.ropeForward(q2, rows, seq, heads, hd, table);
        assertClose("rope", q1, q2, q1.length, 1e-6);
        ref.ropeBackward(q1, rows, seq, heads, hd, table);
        fast.ropeBackward(q2, rows, seq, heads, hd, table);
        assertClose("rope backward", q1, q2, q1.length, 1e-6);
        assertClose("rope round trip", q, q2, q.length, 1e-5);

        float[] k = gaussian(r, rows * s.kvDim(), 1);
        float[] v = gaussian(r, rows * s.kvDim(), 1);
        float[] dy = gaussian(r, rows * s.qDim(), 1);
        float[] y1 = new float[rows * s.qDim()], y2 = new float[rows * s.qDim()];
        float[] p1 = new float[(int) s.probsSize()];
        float[] p2 = gaussian(r, (int) s.probsSize(), 1); // stale values must not leak through
        ref.attentionForward(y1, p1, q, k, v, s);
        fast.attentionForward(y2, p2, q, k, v, s);
        assertClose("attention", y1, y2, y1.length, 1e-5);
        float[] dq1 = new float[q.length], dk1 = new float[k.length], dv1 = new float[v.length];
        float[] dq2 = gaussian(r, q.length, 1), dk2 = gaussian(r, k.length, 1), dv2 = gaussian(r, v.length, 1);
        ref.attentionBackward(dq1, dk1, dv1, dy, p1, q, k, v, s);
        fast.attentionBackward(dq2, dk2, dv2, dy, p2, q, k, v, s);
        assertClose("attention dq", dq1, dq2, dq1.length, 1e-5);
        assertClose("attention dk", dk1, dk2, dk1.length, 1e-5);
        assertClose("attention dv", dv1, dv2, dv1.length, 1e-5);
    }
}
