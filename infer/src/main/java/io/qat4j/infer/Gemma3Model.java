package io.qat4j.infer;

import java.io.IOException;
import java.nio.file.Path;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.kernels.VectorOps;

/**
 * The Gemma 3 text model for inference: weights memory-mapped from a GGUF, a forward pass over a
 * batch of tokens that extends an {@link InferenceState}'s KV cache and yields logits.
 *
 * <p>Batched prefill and one-token decode run the same per-token arithmetic in the same order (only
 * the loops around it differ), so their logits are identical. The model is immutable and may serve
 * several states from several threads, as long as each thread brings its own pool or the calls are
 * serialised on a shared pool.
 */
public final class Gemma3Model implements AutoCloseable {
    private final GgufFile file;
    private final Gemma3Config config;
    private final Gemma3Weights weights;
    private final VectorOps ops;
    private final WorkerPool pool;
    private final Rope ropeLocal;
    private final Rope ropeGlobal;
    private final float embedScale;
    private final ThreadLocal<float[]> rowScratch;

    private Gemma3Model(GgufFile file, VectorOps ops, int threads) {
        this.file = file;
        this.config = Gemma3Config.fromGguf(file);
        this.weights = Gemma3Weights.load(file, config);
        this.ops = ops;
        this.pool = new WorkerPool(threads);
        this.ropeLocal = new Rope(config.headDim(), config.ropeBaseLocal(), 1.0);
        this.ropeGlobal = new Rope(config.headDim(), config.ropeBaseGlobal(), config.ropeScaleGlobal());
        this.embedScale = (float) Math.sqrt(config.embeddingLength());
        int widest = Math.max(config.embeddingLength(), Math.max(config.feedForwardLength(), config.qDim()));
        this.rowScratch = ThreadLocal.withInitial(() -> new float[widest]);
    }

    /** Opens a GGUF and maps its weights; {@code threads} ≥ 1. */
    public static Gemma3Model load(Path path, int threads) throws IOException {
        return load(path, threads, VectorOps.best());
    }

    public static Gemma3Model load(Path path, int threads, VectorOps ops) throws IOException {
        GgufFile file = GgufReader.open(path);
        try {
            return new Gemma3Model(file, ops, threads);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Gemma3Config config() {
        return config;
    }

    public GgufFile file() {
        return file;
    }

    public Gemma3Weights weights() {
        return weights;
    }

    public int threads() {
        return pool.threads();
    }

    /** A fresh sequence with a KV cache for {@code contextSize} tokens, evaluated {@code maxBatch} at a time. */
    public InferenceState newState(int contextSize, int maxBatch) {
        if (contextSize > config.contextLength()) {
            throw new IllegalArgumentException("context size " + contextSize + " exceeds the model's trained context "
                    + config.contextLength());
        }
        return new InferenceState(config, contextSize, Math.min(maxBatch, contextSize));
    }

    /**
     * Evaluates {@code n} tokens at the state's next positions. When {@code allLogits}, writes every
     * token's logits to {@code logits[i·vocab..]}; otherwise only the last token's, at {@code logits[0..]}.
     * Batches larger than the state's maxBatch are split.
     */
    public void forward(InferenceState s, int[] tokens, int off, int n, float[] logits, boolean allLogits) {
        if (s.position + n > s.contextSize()) {
            throw new IllegalArgumentException("context overflow: " + s.position + " tokens + " + n + " new exceed the "
                    + "context size " + s.contextSize());
        }
        int vocab = config.vocabSize();
        for (int i = 0; i < n; i++) {
            int t = tokens[off + i];
            if (t < 0 || t >= vocab) {
                throw new IllegalArgumentException("token id " + t + " at index " + (off + i) + " is outside the vocabulary [0, "
                        + vocab + ")");
            }
        }
        for (int done = 0; done < n; ) {
            int b = Math.min(s.maxBatch, n - done);
            boolean last = done + b == n;
            forwardBatch(s, tokens, off + done, b);
            if (allLogits) {
                outputLogits(s, b, 0, logits, done * vocab);
            } else if (last) {
                outputLogits(s, b, b - 1, logits, 0);
            }
            done += b;
        }
    }

    private void forwardBatch(InferenceState s, int[] tokens, int off, int T) {
        Gemma3Config c = config;
        int d = c.embeddingLength();
        int p0 = s.position;
        for (int t = 0; t < T; t++) {
            weights.tokenEmbedding().dequantizeRow(tokens[off + t], s.x, t * d);
            ops.scale(s.x, t * d, d, embedScale);
        }
        int half = c.headDim() / 2;
        for (int t = 0; t < T; t++) {
            ropeLocal.angles(p0 + t, s.cosLocal, s.sinLocal, t * half);
            ropeGlobal.angles(p0 + t, s.cosGlobal, s.sinGlobal, t * half);
        }
        for (int il = 0; il < c.blockCount(); il++) {
            Gemma3Weights.Layer L = weights.layers()[il];
            // Attention block.
            rmsNormRows(s.x, L.attnNorm(), s.h, T, d);
            matmul(L.wq(), s.h, s.q, T);
            matmul(L.wk(), s.h, s.k, T);
            matmul(L.wv(), s.h, s.v, T);
            boolean local = c.isLocal(il);
            prepareQk(s, L, T, local);
            storeKv(s, il, T);
            attention(s, il, T, local);
            matmul(L.wo(), s.attn, s.proj, T);
            rmsNormRows(s.proj, L.postAttentionNorm(), s.proj, T, d);
            addRows(s.x, s.proj, T * d);
            // Feed-forward block.
            rmsNormRows(s.x, L.ffnNorm(), s.h, T, d);
            matmul(L.gate(), s.h, s.gate, T);
            matmul(L.up(), s.h, s.up, T);
            int ff = c.feedForwardLength();
            pool.forRange(T, 1, (a, b) -> {
                for (int t = a; t < b; t++) {
                    ops.geluTanhMul(s.gate, t * ff, s.up, t * ff, ff);
                }
            });
            matmul(L.down(), s.gate, s.proj, T);
            rmsNormRows(s.proj, L.postFfwNorm(), s.proj, T, d);
            addRows(s.x, s.proj, T * d);
        }
        s.position += T;
    }

    /** Per-head RMSNorm of q and k, RoPE, and the query scale. */
    private void prepareQk(InferenceState s, Gemma3Weights.Layer L, int T, boolean local) {
        Gemma3Config c = config;
        int hd = c.headDim();
        int half = hd / 2;
        Rope rope = local ? ropeLocal : ropeGlobal;
        float[] cos = local ? s.cosLocal : s.cosGlobal;
        float[] sin = local ? s.sinLocal : s.sinGlobal;
        float eps = c.rmsEps();
        for (int t = 0; t < T; t++) {
            for (int h = 0; h < c.headCount(); h++) {
                int o = t * c.qDim() + h * hd;
                ops.rmsNorm(s.q, o, L.qNorm(), 0, s.q, o, hd, eps);
                rope.rotate(s.q, o, cos, sin, t * half);
                ops.scale(s.q, o, hd, c.attentionScale());
            }
            for (int h = 0; h < c.headCountKv(); h++) {
                int o = t * c.kvDim() + h * hd;
                ops.rmsNorm(s.k, o, L.kNorm(), 0, s.k, o, hd, eps);
                rope.rotate(s.k, o, cos, sin, t * half);
            }
        }
    }

    private void storeKv(InferenceState s, int il, int T) {
        int kvDim = config.kvDim();
        for (int t = 0; t < T; t++) {
            int at = s.cache.offset(il, s.position + t);
            System.arraycopy(s.k, t * kvDim, s.cache.keys(il), at, kvDim);
            System.arraycopy(s.v, t * kvDim, s.cache.values(il), at, kvDim);
        }
    }

    /** Causal (and, on local layers, sliding-window) attention for every (token, head) pair. */
    private void attention(InferenceState s, int il, int T, boolean local) {
        Gemma3Config c = config;
        int hd = c.headDim();
        int nHead = c.headCount();
        int group = nHead / c.headCountKv();
        int kvDim = c.kvDim();
        int window = c.slidingWindow();
        int pairs = T * nHead;
        int chunks = Math.max(1, Math.min(pairs, pool.threads() * 4));
        int ctx = s.contextSize();
        if (s.scores.length < chunks * ctx) {
            s.scores = new float[chunks * ctx];
        }
        float[] keys = s.cache.keys(il);
        float[] values = s.cache.values(il);
        float[] scores = s.scores;
        java.util.Arrays.fill(s.attn, 0, T * c.qDim(), 0f);
        pool.forEach(chunks, chunk -> {
            int so = chunk * ctx;
            int from = (int) ((long) pairs * chunk / chunks);
            int to = (int) ((long) pairs * (chunk + 1) / chunks);
            for (int pair = from; pair < to; pair++) {
                int t = pair / nHead;
                int h = pair % nHead;
                int pos = s.position + t;
                int first = local ? Math.max(0, pos - window + 1) : 0;
                int qo = t * c.qDim() + h * hd;
                int ko = (h / group) * hd;
                int n = pos - first + 1;
                for (int j = 0; j < n; j++) {
                    scores[so + j] = ops.dot(s.q, qo, keys, s.cache.offset(il, first + j) + ko, hd);
                }
                ops.softmax(scores, so, n);
                for (int j = 0; j < n; j++) {
                    ops.axpy(scores[so + j], values, s.cache.offset(il, first + j) + ko, s.attn, qo, hd);
                }
            }
        });
    }

    private void rmsNormRows(float[] in, float[] w, float[] out, int T, int d) {
        float eps = config.rmsEps();
        for (int t = 0; t < T; t++) {
            ops.rmsNorm(in, t * d, w, 0, out, t * d, d, eps);
        }
    }

    private static void addRows(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += y[i];
        }
    }

    /** out[t][r] = W[r]·in[t] for T tokens; rows are split over the pool, each row reused across tokens. */
    private void matmul(WeightMatrix w, float[] in, float[] out, int T) {
        int rows = w.rows();
        int cols = w.cols();
        pool.forRange(rows, 16, (r0, r1) -> {
            float[] scratch = rowScratch.get();
            for (int r = r0; r < r1; r++) {
                for (int t = 0; t < T; t++) {
                    out[t * rows + r] = w.dotRow(ops, r, in, t * cols, scratch);
                }
            }
        });
    }

    /** Final norm and output projection of token {@code t} of the batch into logits[at..at+vocab). */
    private void outputLogits(InferenceState s, int T, int fromToken, float[] logits, int at) {
        int d = config.embeddingLength();
        int vocab = config.vocabSize();
        float[] y = new float[(T - fromToken) * d];
        for (int t = fromToken; t < T; t++) {
            ops.rmsNorm(s.x, t * d, weights.outputNorm(), 0, y, (t - fromToken) * d, d, config.rmsEps());
        }
        int count = T - fromToken;
        WeightMatrix out = weights.output();
        float cap = config.finalLogitSoftcap();
        pool.forRange(vocab, 64, (r0, r1) -> {
            float[] scratch = rowScratch.get();
            for (int r = r0; r < r1; r++) {
                for (int t = 0; t < count; t++) {
                    float l = out.dotRow(ops, r, y, t * d, scratch);
                    logits[at + t * vocab + r] = cap > 0 ? cap * (float) Math.tanh(l / cap) : l;
                }
            }
        });
    }

    @Override
    public void close() {
        pool.close();
        file.close();
    }
}
