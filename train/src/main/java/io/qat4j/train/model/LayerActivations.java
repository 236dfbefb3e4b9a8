package io.qat4j.train.model;

import io.qat4j.core.model.Gemma3Config;

/**
 * What one block's forward pass keeps for its backward pass, sized for the largest batch. Names
 * follow the math: h1 = attn_norm(x), q/k/v raw projections, q/k after head norm and RoPE, probs the
 * attention weights, att the attention output, a = att·Woᵀ, xMid the residual after attention,
 * h2 = ffn_norm(xMid), gate/up the FFN projections, gg = gelu(gate)·up, f = gg·Wdownᵀ.
 */
final class LayerActivations {
    final float[] h1;
    final float[] r1;
    final float[] qRaw;
    final float[] kRaw;
    final float[] v;
    final float[] rq;
    final float[] rk;
    final float[] q;
    final float[] k;
    final float[] probs;
    final float[] att;
    final float[] a;
    final float[] r2;
    final float[] xMid;
    final float[] h2;
    final float[] r3;
    final float[] gate;
    final float[] up;
    final float[] gg;
    final float[] f;
    final float[] r4;

    LayerActivations(Gemma3Config c, int maxBatch, int maxSeq) {
        int n = maxBatch * maxSeq;
        int d = c.embeddingLength();
        int ff = c.feedForwardLength();
        h1 = new float[n * d];
        r1 = new float[n];
        qRaw = new float[n * c.qDim()];
        kRaw = new float[n * c.kvDim()];
        v = new float[n * c.kvDim()];
        rq = new float[n * c.headCount()];
        rk = new float[n * c.headCountKv()];
        q = new float[n * c.qDim()];
        k = new float[n * c.kvDim()];
        probs = new float[Math.toIntExact((long) maxBatch * c.headCount() * maxSeq * maxSeq)];
        att = new float[n * c.qDim()];
        a = new float[n * d];
        r2 = new float[n];
        xMid = new float[n * d];
        h2 = new float[n * d];
        r3 = new float[n];
        gate = new float[n * ff];
        up = new float[n * ff];
        gg = new float[n * ff];
        f = new float[n * d];
        r4 = new float[n];
    }
}
