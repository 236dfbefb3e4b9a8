package io.qat4j.train.ops;

/** Temporary stub. */
public final class FastOps implements TrainOps {
    private final int threads;
    public FastOps(int threads) { this.threads = threads; }
    private static final ReferenceOps R = ReferenceOps.INSTANCE;
    @Override public void embeddingForward(float[] out, int[] tokens, int rows, float[] table, int tableOff, int dim, float scale) { R.embeddingForward(out, tokens, rows, table, tableOff, dim, scale); }
    @Override public void embeddingBackward(float[] dTable, int dTableOff, int[] tokens, int rows, float[] dOut, int dim, float scale) { R.embeddingBackward(dTable, dTableOff, tokens, rows, dOut, dim, scale); }
    @Override public void rmsNormForward(float[] out, float[] rstd, float[] x, float[] g, int gOff, int rows, int dim, float eps) { R.rmsNormForward(out, rstd, x, g, gOff, rows, dim, eps); }
    @Override public void rmsNormBackward(float[] dx, boolean accumulate, float[] dg, int dgOff, float[] dy, float[] x, float[] g, int gOff, float[] rstd, int rows, int dim) { R.rmsNormBackward(dx, accumulate, dg, dgOff, dy, x, g, gOff, rstd, rows, dim); }
    @Override public void matmulForward(float[] y, float[] x, float[] w, int wOff, int rows, int in, int out) { R.matmulForward(y, x, w, wOff, rows, in, out); }
    @Override public void matmulBackwardInput(float[] dx, boolean accumulate, float[] dy, float[] w, int wOff, int rows, int in, int out) { R.matmulBackwardInput(dx, accumulate, dy, w, wOff, rows, in, out); }
    @Override public void matmulBackwardWeight(float[] dw, int dwOff, float[] dy, float[] x, int rows, int in, int out) { R.matmulBackwardWeight(dw, dwOff, dy, x, rows, in, out); }
    @Override public void ropeForward(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table) { R.ropeForward(x, rows, seqLen, heads, headDim, table); }
    @Override public void ropeBackward(float[] dx, int rows, int seqLen, int heads, int headDim, RopeTable table) { R.ropeBackward(dx, rows, seqLen, heads, headDim, table); }
    @Override public void attentionForward(float[] y, float[] probs, float[] q, float[] k, float[] v, AttentionShape s) { R.attentionForward(y, probs, q, k, v, s); }
    @Override public void attentionBackward(float[] dq, float[] dk, float[] dv, float[] dy, float[] probs, float[] q, float[] k, float[] v, AttentionShape s) { R.attentionBackward(dq, dk, dv, dy, probs, q, k, v, s); }
    @Override public void geluGateForward(float[] out, float[] gate, float[] up, int n) { R.geluGateForward(out, gate, up, n); }
    @Override public void geluGateBackward(float[] dGate, float[] dUp, float[] dOut, float[] gate, float[] up, int n) { R.geluGateBackward(dGate, dUp, dOut, gate, up, n); }
    @Override public void add(float[] out, float[] a, float[] b, int n) { R.add(out, a, b, n); }
    @Override public void accumulate(float[] dst, float[] src, int n) { R.accumulate(dst, src, n); }
    @Override public void crossEntropyForward(float[] losses, float[] logits, int[] targets, int rows, int vocab) { R.crossEntropyForward(losses, logits, targets, rows, vocab); }
    @Override public void crossEntropyBackward(float[] logits, int[] targets, int rows, int vocab, float scale) { R.crossEntropyBackward(logits, targets, rows, vocab, scale); }
    @Override public int threads() { return threads; }
}
