package io.qat4j.train.model;

import java.util.Arrays;
import java.util.function.Function;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.ops.AttentionShape;
import io.qat4j.train.ops.RopeTable;
import io.qat4j.train.ops.TrainOps;

/**
 * A Gemma 3 model for training: float32 master weights in one flat array, the forward pass with
 * every intermediate kept in named buffers, and the backward pass written out op by op in reverse.
 *
 * <p>The math is the inference model's: x = E[ids]·√d; per block h = rms(x)·g, GQA attention with
 * per-head RMSNorm on q and k, NEOX RoPE (local base on sliding-window layers, global base otherwise),
 * x += rms(att·Woᵀ)·g; h = rms(x)·g, x += rms((gelu(h·Wgᵀ)·(h·Wuᵀ))·Wdᵀ)·g; logits = rms(x)·g·Eᵀ.
 * Loss is the mean cross-entropy over every target.
 */
public final class GemmaModel {
    private final Gemma3Config config;
    private final ParameterLayout layout;
    private final TrainOps ops;
    private final int maxBatch;
    private final int maxSeq;
    private final float[] params;
    private final float[] grads;
    private final float[] forwardWeights;
    private final WeightTransform[] transforms;
    private final RopeTable ropeLocal;
    private final RopeTable ropeGlobal;
    private final float embedScale;

    private final float[][] residual;
    private final LayerActivations[] layers;
    private final float[] normTmp;
    private final float[] xf;
    private final float[] rf;
    private final float[] logits;
    private final float[] losses;
    private final BackwardScratch scratch;
    private final int[] inputs;
    private final int[] targets;

    private int batch;
    private int seqLen;
    private boolean hasTargets;
    /** True between a forward pass and the backward pass that consumes its logits. */
    private boolean logitsPending;
    private ActivationObserver observer;

    public GemmaModel(Gemma3Config config, int maxBatch, int maxSeq, TrainOps ops) {
        if (maxSeq > config.contextLength()) {
            throw new IllegalArgumentException("sequence length " + maxSeq + " exceeds the context length "
                    + config.contextLength());
        }
        this.config = config;
        this.layout = new ParameterLayout(config);
        this.ops = ops;
        this.maxBatch = maxBatch;
        this.maxSeq = maxSeq;
        this.params = new float[layout.size()];
        this.grads = new float[layout.size()];
        this.forwardWeights = new float[layout.size()];
        this.transforms = new WeightTransform[layout.tensors().size()];
        Arrays.fill(transforms, WeightTransform.IDENTITY);
        this.ropeLocal = new RopeTable(config.headDim(), maxSeq, config.ropeBaseLocal(), 1.0);
        this.ropeGlobal = new RopeTable(config.headDim(), maxSeq, config.ropeBaseGlobal(), config.ropeScaleGlobal());
        this.embedScale = (float) Math.sqrt(config.embeddingLength());
        int n = maxBatch * maxSeq;
        int d = config.embeddingLength();
        residual = new float[config.blockCount() + 1][n * d];
        layers = new LayerActivations[config.blockCount()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LayerActivations(config, maxBatch, maxSeq);
        }
        normTmp = new float[n * d];
        xf = new float[n * d];
        rf = new float[n];
        logits = new float[Math.multiplyExact(n, config.vocabSize())];
        losses = new float[n];
        scratch = new BackwardScratch(config, maxBatch, maxSeq);
        inputs = new int[n];
        targets = new int[n];
    }

    public Gemma3Config config() {
        return config;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The master weights (mutable: optimisers and loaders write here). */
    public float[] parameters() {
        return params;
    }

    /** Accumulated gradients of the mean loss, same layout as {@link #parameters()}. */
    public float[] gradients() {
        return grads;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int maxSeqLen() {
        return maxSeq;
    }

    public TrainOps ops() {
        return ops;
    }

    /** Chooses, per tensor, what the forward pass sees of its master weight (identity by default). */
    public void setTransforms(Function<ParamTensor, WeightTransform> plan) {
        var list = layout.tensors();
        for (int i = 0; i < list.size(); i++) {
            transforms[i] = plan.apply(list.get(i));
        }
    }

    /** Sees the input of every matrix product of the following forward passes (null: none). */
    public void setActivationObserver(ActivationObserver observer) {
        this.observer = observer;
    }

    public WeightTransform transform(String tensor) {
        return transforms[layout.tensors().indexOf(layout.tensor(tensor))];
    }

    public void zeroGradients() {
        Arrays.fill(grads, 0f);
    }

    /**
     * Runs the forward pass over {@code batch} sequences of {@code seqLen} tokens (row-major in
     * {@code inputIds}) and returns the mean cross-entropy against {@code targetIds}, or NaN when
     * targets is null (logits only).
     */
    public double forward(int[] inputIds, int[] targetIds, int batch, int seqLen) {
        if (batch < 1 || batch > maxBatch || seqLen < 1 || seqLen > maxSeq) {
            throw new IllegalArgumentException("batch " + batch + " × " + seqLen + " does not fit the model's buffers ("
                    + maxBatch + " × " + maxSeq + ")");
        }
        int rows = batch * seqLen;
        checkIds(inputIds, rows, "input");
        this.batch = batch;
        this.seqLen = seqLen;
        System.arraycopy(inputIds, 0, inputs, 0, rows);
        hasTargets = targetIds != null;
        if (hasTargets) {
            checkIds(targetIds, rows, "target");
            System.arraycopy(targetIds, 0, targets, 0, rows);
        }
        prepareForwardWeights();
        logitsPending = true;

        int d = config.embeddingLength();
        int qd = config.qDim();
        int kvd = config.kvDim();
        int ff = config.feedForwardLength();
        int hd = config.headDim();
        float eps = config.rmsEps();
        float[] w = forwardWeights;
        ops.embeddingForward(residual[0], inputs, rows, w, layout.tokenEmbedding().offset(), d, embedScale);
        for (int l = 0; l < layers.length; l++) {
            LayerActivations a = layers[l];
            LayerParams p = layout.layer(l);
            float[] x = residual[l];
            RopeTable rope = config.isLocal(l) ? ropeLocal : ropeGlobal;
            ops.rmsNormForward(a.h1, a.r1, x, w, p.attnNorm(), rows, d, eps);
            observe(a.h1, rows, p.q(), p.k(), p.v());
            ops.matmulForward(a.qRaw, a.h1, w, p.q(), rows, d, qd);
            ops.matmulForward(a.kRaw, a.h1, w, p.k(), rows, d, kvd);
            ops.matmulForward(a.v, a.h1, w, p.v(), rows, d, kvd);
            ops.rmsNormForward(a.q, a.rq, a.qRaw, w, p.qNorm(), rows * config.headCount(), hd, eps);
            ops.rmsNormForward(a.k, a.rk, a.kRaw, w, p.kNorm(), rows * config.headCountKv(), hd, eps);
            ops.ropeForward(a.q, rows, seqLen, config.headCount(), hd, rope);
            ops.ropeForward(a.k, rows, seqLen, config.headCountKv(), hd, rope);
            ops.attentionForward(a.att, a.probs, a.q, a.k, a.v, attentionShape(l));
            observe(a.att, rows, p.output());
            ops.matmulForward(a.a, a.att, w, p.output(), rows, qd, d);
            ops.rmsNormForward(normTmp, a.r2, a.a, w, p.postAttentionNorm(), rows, d, eps);
            ops.add(a.xMid, x, normTmp, rows * d);
            ops.rmsNormForward(a.h2, a.r3, a.xMid, w, p.ffnNorm(), rows, d, eps);
            observe(a.h2, rows, p.gate(), p.up());
            ops.matmulForward(a.gate, a.h2, w, p.gate(), rows, d, ff);
            ops.matmulForward(a.up, a.h2, w, p.up(), rows, d, ff);
            ops.geluGateForward(a.gg, a.gate, a.up, rows * ff);
            observe(a.gg, rows, p.down());
            ops.matmulForward(a.f, a.gg, w, p.down(), rows, ff, d);
            ops.rmsNormForward(normTmp, a.r4, a.f, w, p.postFfwNorm(), rows, d, eps);
            ops.add(residual[l + 1], a.xMid, normTmp, rows * d);
        }
        ops.rmsNormForward(xf, rf, residual[layers.length], w, layout.outputNorm().offset(), rows, d, eps);
        observe(xf, rows, layout.tokenEmbedding().offset());
        ops.matmulForward(logits, xf, w, layout.tokenEmbedding().offset(), rows, d, config.vocabSize());
        if (!hasTargets) {
            return Double.NaN;
        }
        ops.crossEntropyForward(losses, logits, targets, rows, config.vocabSize());
        return lossSum() / rows;
    }

    /** Σ of the per-target losses of the last forward pass, added in a fixed order. */
    public double lossSum() {
        double s = 0;
        for (int i = 0; i < batch * seqLen; i++) {
            s += losses[i];
        }
        return s;
    }

    /** Per-target losses of the last forward pass (natural log). */
    public float[] losses() {
        return Arrays.copyOf(losses, batch * seqLen);
    }

    /** The logits of the last forward pass, [rows, vocab] (valid until the next forward or backward). */
    public float[] logitsBuffer() {
        return logits;
    }

    /**
     * Backpropagates {@code gradScale · Σ losses} of the last forward pass, adding to the gradients
     * (use 1/targets-per-step so that accumulated micro-batches give the gradient of the mean).
     */
    public void backward(float gradScale) {
        if (!hasTargets) {
            throw new IllegalStateException("backward needs a forward pass with targets");
        }
        ops.crossEntropyBackward(logits, targets, batch * seqLen, config.vocabSize(), gradScale);
        hasTargets = false; // the logits now hold their gradient
        backwardFromLogitGradients();
    }

    /**
     * Backpropagates a loss of the caller's choosing (distillation, say): the caller has overwritten
     * the rows of {@link #logitsBuffer()} of the last forward pass with dLoss/dlogits; the gradients of
     * every parameter are added to {@link #gradients()}.
     */
    public void backwardFromLogitGradients() {
        if (!logitsPending) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        logitsPending = false;
        hasTargets = false;
        int rows = batch * seqLen;
        int d = config.embeddingLength();
        int qd = config.qDim();
        int kvd = config.kvDim();
        int ff = config.feedForwardLength();
        int hd = config.headDim();
        int emb = layout.tokenEmbedding().offset();
        float[] w = forwardWeights;
        float[] g = grads;
        BackwardScratch s = scratch;

        ops.matmulBackwardWeight(g, emb, logits, xf, rows, d, config.vocabSize());
        ops.matmulBackwardInput(s.dNormOut, false, logits, w, emb, rows, d, config.vocabSize());
        int outNorm = layout.outputNorm().offset();
        ops.rmsNormBackward(s.dRes, false, g, outNorm, s.dNormOut, residual[layers.length], w, outNorm, rf, rows, d);
        for (int l = layers.length - 1; l >= 0; l--) {
            LayerActivations a = layers[l];
            LayerParams p = layout.layer(l);
            RopeTable rope = config.isLocal(l) ? ropeLocal : ropeGlobal;
            // x_out = xMid + rms(f)·g: the residual gradient flows on unchanged; the branch gets a copy.
            ops.rmsNormBackward(s.dNormOut, false, g, p.postFfwNorm(), s.dRes, a.f, w, p.postFfwNorm(), a.r4, rows, d);
            ops.matmulBackwardWeight(g, p.down(), s.dNormOut, a.gg, rows, ff, d);
            ops.matmulBackwardInput(s.dGg, false, s.dNormOut, w, p.down(), rows, ff, d);
            ops.geluGateBackward(s.dGate, s.dUp, s.dGg, a.gate, a.up, rows * ff);
            ops.matmulBackwardWeight(g, p.gate(), s.dGate, a.h2, rows, d, ff);
            ops.matmulBackwardWeight(g, p.up(), s.dUp, a.h2, rows, d, ff);
            ops.matmulBackwardInput(s.dH, false, s.dGate, w, p.gate(), rows, d, ff);
            ops.matmulBackwardInput(s.dH, true, s.dUp, w, p.up(), rows, d, ff);
            ops.rmsNormBackward(s.dRes, true, g, p.ffnNorm(), s.dH, a.xMid, w, p.ffnNorm(), a.r3, rows, d);
            // xMid = x + rms(a)·g
            ops.rmsNormBackward(s.dNormOut, false, g, p.postAttentionNorm(), s.dRes, a.a, w, p.postAttentionNorm(), a.r2,
                    rows, d);
            ops.matmulBackwardWeight(g, p.output(), s.dNormOut, a.att, rows, qd, d);
            ops.matmulBackwardInput(s.dAtt, false, s.dNormOut, w, p.output(), rows, qd, d);
            ops.attentionBackward(s.dQ, s.dK, s.dV, s.dAtt, a.probs, a.q, a.k, a.v, attentionShape(l));
            ops.ropeBackward(s.dQ, rows, seqLen, config.headCount(), hd, rope);
            ops.ropeBackward(s.dK, rows, seqLen, config.headCountKv(), hd, rope);
            ops.rmsNormBackward(s.dQRaw, false, g, p.qNorm(), s.dQ, a.qRaw, w, p.qNorm(), a.rq, rows * config.headCount(), hd);
            ops.rmsNormBackward(s.dKRaw, false, g, p.kNorm(), s.dK, a.kRaw, w, p.kNorm(), a.rk, rows * config.headCountKv(),
                    hd);
            ops.matmulBackwardWeight(g, p.q(), s.dQRaw, a.h1, rows, d, qd);
            ops.matmulBackwardWeight(g, p.k(), s.dKRaw, a.h1, rows, d, kvd);
            ops.matmulBackwardWeight(g, p.v(), s.dV, a.h1, rows, d, kvd);
            ops.matmulBackwardInput(s.dH, false, s.dQRaw, w, p.q(), rows, d, qd);
            ops.matmulBackwardInput(s.dH, true, s.dKRaw, w, p.k(), rows, d, kvd);
            ops.matmulBackwardInput(s.dH, true, s.dV, w, p.v(), rows, d, kvd);
            ops.rmsNormBackward(s.dRes, true, g, p.attnNorm(), s.dH, residual[l], w, p.attnNorm(), a.r1, rows, d);
        }
        ops.embeddingBackward(g, emb, inputs, rows, s.dRes, d, embedScale);
        var list = layout.tensors();
        for (int i = 0; i < list.size(); i++) {
            ParamTensor t = list.get(i);
            transforms[i].backward(params, g, t.offset(), t.rows(), t.cols());
        }
    }

    /** The logits of one sequence (positions 0..n-1), [n, vocab] row-major. */
    public float[] logits(int[] tokens) {
        forward(tokens, null, 1, tokens.length);
        return Arrays.copyOf(logits, tokens.length * config.vocabSize());
    }

    private void observe(float[] input, int rows, int... weightOffsets) {
        if (observer == null) {
            return;
        }
        for (int off : weightOffsets) {
            observer.matmulInput(layout.tensorAt(off), input, rows);
        }
    }

    private AttentionShape attentionShape(int layer) {
        int window = config.isLocal(layer) ? config.slidingWindow() : 0;
        return new AttentionShape(batch, seqLen, config.headCount(), config.headCountKv(), config.headDim(), window,
                config.attentionScale());
    }

    private void prepareForwardWeights() {
        var list = layout.tensors();
        for (int i = 0; i < list.size(); i++) {
            ParamTensor t = list.get(i);
            transforms[i].forward(params, t.offset(), t.rows(), t.cols(), forwardWeights);
        }
    }

    private void checkIds(int[] ids, int rows, String what) {
        if (ids.length < rows) {
            throw new IllegalArgumentException(what + " ids hold " + ids.length + " tokens, " + rows + " needed");
        }
        for (int i = 0; i < rows; i++) {
            if (ids[i] < 0 || ids[i] >= config.vocabSize()) {
                throw new IllegalArgumentException(what + " token id " + ids[i] + " at position " + i
                        + " is outside the vocabulary (0.." + (config.vocabSize() - 1) + ")");
            }
        }
    }
}
