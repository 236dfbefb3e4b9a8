package io.qat4j.train.model;

import io.qat4j.core.model.Gemma3Config;

/** Activation gradients, reused by every block of the backward pass (only one block is live at a time). */
final class BackwardScratch {
    /** d loss / d residual stream at the current block boundary. */
    final float[] dRes;
    final float[] dNormOut;
    final float[] dH;
    final float[] dAtt;
    final float[] dQ;
    final float[] dK;
    final float[] dV;
    final float[] dQRaw;
    final float[] dKRaw;
    final float[] dGate;
    final float[] dUp;
    final float[] dGg;

    BackwardScratch(Gemma3Config c, int maxBatch, int maxSeq) {
        int n = maxBatch * maxSeq;
        int d = c.embeddingLength();
        int ff = c.feedForwardLength();
        dRes = new float[n * d];
        dNormOut = new float[n * d];
        dH = new float[n * d];
        dAtt = new float[n * c.qDim()];
        dQ = new float[n * c.qDim()];
        dK = new float[n * c.kvDim()];
        dV = new float[n * c.kvDim()];
        dQRaw = new float[n * c.qDim()];
        dKRaw = new float[n * c.kvDim()];
        dGate = new float[n * ff];
        dUp = new float[n * ff];
        dGg = new float[n * ff];
    }
}
