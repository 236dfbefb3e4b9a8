package io.qat4j.train.ops;

/**
 * The forward and backward kernels a training step is made of, llm.c style: every op works on named
 * float buffers (row-major, rows = batch·seqLen tokens), and every backward op is written out by hand.
 * {@link ReferenceOps} is the plain-loop reference; {@link FastOps} the Vector-API, multi-threaded
 * version that tests compare against it.
 *
 * <p>Weights are addressed inside the flat parameter array by an offset; linear weights are
 * {@code [out, in]} row-major (the torch orientation; the GGUF data bytes are identical).
 * Backward ops that produce a weight gradient always accumulate into it.
 */
public interface TrainOps extends AutoCloseable {

    /** out[n] = table[tokens[n]] · scale. */
    void embeddingForward(float[] out, int[] tokens, int rows, float[] table, int tableOff, int dim, float scale);

    /** dTable[tokens[n]] += dOut[n] · scale. */
    void embeddingBackward(float[] dTable, int dTableOff, int[] tokens, int rows, float[] dOut, int dim, float scale);

    /** out = x / sqrt(mean(x²) + eps) · g per row; rstd[n] keeps 1/sqrt(mean(x²) + eps). */
    void rmsNormForward(float[] out, float[] rstd, float[] x, float[] g, int gOff, int rows, int dim, float eps);

    /** dx (= or +=) the input gradient; dg += the gain gradient. */
    void rmsNormBackward(float[] dx, boolean accumulate, float[] dg, int dgOff, float[] dy, float[] x, float[] g, int gOff,
            float[] rstd, int rows, int dim);

    /** y[n, o] = Σ_i x[n, i] · w[o, i]. */
    void matmulForward(float[] y, float[] x, float[] w, int wOff, int rows, int in, int out);

    /** dx[n, i] (= or +=) Σ_o dy[n, o] · w[o, i]. */
    void matmulBackwardInput(float[] dx, boolean accumulate, float[] dy, float[] w, int wOff, int rows, int in, int out);

    /** dw[o, i] += Σ_n dy[n, o] · x[n, i]. */
    void matmulBackwardWeight(float[] dw, int dwOff, float[] dy, float[] x, int rows, int in, int out);

    /** Rotates every head of x ([batch·seqLen, heads·headDim]) in place; row n is at position n % seqLen. */
    void ropeForward(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table);

    /** The transpose rotation, applied in place to a gradient. */
    void ropeBackward(float[] dx, int rows, int seqLen, int heads, int headDim, RopeTable table);

    /**
     * y = softmax(scale·q·kᵀ + mask)·v per sequence and head. probs [batch, heads, seqLen, seqLen]
     * receives the attention weights (zero outside each query's window) for the backward pass.
     */
    void attentionForward(float[] y, float[] probs, float[] q, float[] k, float[] v, AttentionShape s);

    /** dq, dk, dv are overwritten. */
    void attentionBackward(float[] dq, float[] dk, float[] dv, float[] dy, float[] probs, float[] q, float[] k, float[] v,
            AttentionShape s);

    /** out = gelu_tanh(gate) · up. */
    void geluGateForward(float[] out, float[] gate, float[] up, int n);

    /** dGate and dUp are overwritten. */
    void geluGateBackward(float[] dGate, float[] dUp, float[] dOut, float[] gate, float[] up, int n);

    /** out = a + b (the residual connection; its backward passes the gradient through unchanged). */
    void add(float[] out, float[] a, float[] b, int n);

    /** dst += src. */
    void accumulate(float[] dst, float[] src, int n);

    /** losses[n] = logsumexp(logits[n]) − logits[n, targets[n]]. */
    void crossEntropyForward(float[] losses, float[] logits, int[] targets, int rows, int vocab);

    /** Replaces logits by scale · (softmax(logits) − onehot(target)), the gradient of scale·Σ losses. */
    void crossEntropyBackward(float[] logits, int[] targets, int rows, int vocab, float scale);

    /** Threads the implementation uses (1 for the reference). */
    int threads();

    @Override
    default void close() {}
}
