package io.qat4j.infer;

import java.io.IOException;
import java.nio.file.Path;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.kernels.MatMulScratch;
import io.qat4j.kernels.VectorOps;
import io.qat4j.kernels.parallel.WorkerPool;

/**
 * The Gemma 3 text model for inference: weights memory-mapped from a GGUF, a forward pass over a
 * batch of tokens that extends an {@link InferenceState}'s KV cache and yields logits.
 *
 * <p>Batched prefill and one-token decode run the same per-token arithmetic in the same order (only
 * the loops around it differ), so their logits are identical. The weights are immutable; the pool,
 * its per-worker scratch and the reusable pool tasks are not, so forward passes on one model from
 * several threads take turns (each still on its own state).
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
    /** Per worker: the matrix products' buffers. */
    private final MatMulScratch[] scratch;
    /** Held for a whole pass: the tasks below and the scratch serve one pass at a time. */
    private final Object passLock = new Object();
    private final MatMulTask product = new MatMulTask();
    private final GeluTask gelu = new GeluTask();
    private final AttentionTask attend = new AttentionTask();

    private Gemma3Model(GgufFile file, VectorOps ops, int threads) {
        this.file = file;
        this.config = Gemma3Config.fromGguf(file);
        this.weights = Gemma3Weights.load(file, config);
        this.ops = ops;
        this.pool = new WorkerPool(threads);
        this.ropeLocal = new Rope(config.headDim(), config.ropeBaseLocal(), 1.0);
        this.ropeGlobal = new Rope(config.headDim(), config.ropeBaseGlobal(), config.ropeScaleGlobal());
        this.embedScale = (float) Math.sqrt(config.embeddingLength());
        this.scratch = MatMulScratch.perWorker(threads);
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
        return newState(contextSize, maxBatch, false);
    }

    /**
     * As {@link #newState(int, int)}; with {@code fullWindowCache} the sliding-window layers keep every
     * position, so the state can later be rewound to any prefix (prompt-prefix reuse).
     */
    public InferenceState newState(int contextSize, int maxBatch, boolean fullWindowCache) {
        if (contextSize > config.contextLength()) {
            throw new IllegalArgumentException("context size " + contextSize + " exceeds the model's trained context "
                    + config.contextLength());
        }
        return new InferenceState(config, contextSize, Math.min(maxBatch, contextSize), fullWindowCache);
    }

    /**
     * Evaluates {@code n} tokens at the state's next positions. When {@code allLogits}, writes every
     * token's logits to {@code logits[i·vocab..]}; otherwise only the last token's, at {@code logits[0..]}.
     * Batches larger than the state's maxBatch are split.
     */
    public void forward(InferenceState s, int[] tokens, int off, int n, float[] logits, boolean allLogits) {
        checkRoom(s, n);
        int vocab = config.vocabSize();
        ForwardBuffers b = s.buffers();
        for (int done = 0; done < n; ) {
            int m = Math.min(s.maxBatch, n - done);
            for (int i = 0; i < m; i++) {
                b.owners[i] = s;
            }
            boolean last = done + m == n;
            synchronized (passLock) {
                run(b, tokens, off + done, m);
                if (allLogits) {
                    outputLogits(b, 0, m, logits, done * vocab);
                } else if (last) {
                    outputLogits(b, m - 1, m, logits, 0);
                }
            }
            done += m;
        }
    }

    /**
     * One pass over tokens of several sequences: token i extends {@code owners[i]} (a sequence's tokens
     * must be consecutive and in order, at most its maxBatch of them). Writes the logits of the tokens
     * flagged in {@code wantLogits}, in order, to {@code logits} (vocab floats each). Used by the
     * server to batch the decode steps of concurrent requests into one matrix-matrix pass.
     */
    public void forwardMany(ForwardBuffers b, InferenceState[] owners, int[] tokens, int n, boolean[] wantLogits,
            float[] logits) {
        if (n > b.capacity) {
            throw new IllegalArgumentException(n + " tokens exceed the buffers' capacity " + b.capacity);
        }
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && owners[j] == owners[i]) {
                j++;
            }
            if (j - i > owners[i].maxBatch) {
                throw new IllegalArgumentException(j - i + " tokens of one sequence exceed its maxBatch " + owners[i].maxBatch);
            }
            checkRoom(owners[i], j - i);
            i = j;
        }
        int vocab = config.vocabSize();
        synchronized (passLock) {
            System.arraycopy(owners, 0, b.owners, 0, n);
            run(b, tokens, 0, n);
            // The wanted tokens' final norms side by side, so the output matrix is read once for all.
            int d = config.embeddingLength();
            int wanted = 0;
            for (int i = 0; i < n; i++) {
                if (wantLogits[i]) {
                    ops.rmsNorm(b.x, i * d, weights.outputNorm(), 0, b.normed, wanted++ * d, d, config.rmsEps());
                }
            }
            projectToVocabulary(b, wanted, logits, 0);
        }
    }

    private void checkRoom(InferenceState s, int n) {
        if (s.position + n > s.contextSize()) {
            throw new IllegalArgumentException("context overflow: " + s.position + " tokens + " + n + " new exceed the "
                    + "context size " + s.contextSize());
        }
    }

    /** The whole transformer stack over b.owners[0..T): embeddings in, final hidden states in b.x. */
    private void run(ForwardBuffers b, int[] tokens, int off, int T) {
        Gemma3Config c = config;
        int d = c.embeddingLength();
        int vocab = c.vocabSize();
        int half = c.headDim() / 2;
        for (int t = 0; t < T; t++) {
            int id = tokens[off + t];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " at index " + (off + t)
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
            InferenceState owner = b.owners[t];
            b.positions[t] = t > 0 && b.owners[t - 1] == owner ? b.positions[t - 1] + 1 : owner.position;
        }
        for (int t = 0; t < T; t++) {
            weights.tokenEmbedding().dequantizeRow(tokens[off + t], b.x, t * d);
            ops.scale(b.x, t * d, d, embedScale);
            ropeLocal.angles(b.positions[t], b.cosLocal, b.sinLocal, t * half);
            ropeGlobal.angles(b.positions[t], b.cosGlobal, b.sinGlobal, t * half);
        }
        for (int il = 0; il < c.blockCount(); il++) {
            Gemma3Weights.Layer L = weights.layers()[il];
            // Attention block.
            rmsNormRows(b.x, L.attnNorm(), b.h, T, d);
            matmul(L.wq(), b.h, b.q, T);
            matmul(L.wk(), b.h, b.k, T);
            matmul(L.wv(), b.h, b.v, T);
            boolean local = c.isLocal(il);
            prepareQk(b, L, T, local);
            storeKv(b, il, T);
            attention(b, il, T, local);
            matmul(L.wo(), b.attn, b.proj, T);
            rmsNormRows(b.proj, L.postAttentionNorm(), b.proj, T, d);
            addRows(b.x, b.proj, T * d);
            // Feed-forward block.
            rmsNormRows(b.x, L.ffnNorm(), b.h, T, d);
            matmul(L.gate(), b.h, b.gate, T);
            matmul(L.up(), b.h, b.up, T);
            gelu.start(b);
            pool.forRange(T, 1, gelu);
            matmul(L.down(), b.gate, b.proj, T);
            rmsNormRows(b.proj, L.postFfwNorm(), b.proj, T, d);
            addRows(b.x, b.proj, T * d);
        }
        for (int t = 0; t < T; t++) {
            b.owners[t].position = b.positions[t] + 1;
        }
    }

    /** Per-head RMSNorm of q and k, RoPE, and the query scale. */
    private void prepareQk(ForwardBuffers s, Gemma3Weights.Layer L, int T, boolean local) {
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

    private void storeKv(ForwardBuffers b, int il, int T) {
        int kvDim = config.kvDim();
        for (int t = 0; t < T; t++) {
            KvCache cache = b.owners[t].cache;
            int at = cache.offset(il, b.positions[t]);
            System.arraycopy(b.k, t * kvDim, cache.keys(il), at, kvDim);
            System.arraycopy(b.v, t * kvDim, cache.values(il), at, kvDim);
        }
    }

    /** Causal (and, on local layers, sliding-window) attention for every (token, head) pair. */
    private void attention(ForwardBuffers b, int il, int T, boolean local) {
        int pairs = T * config.headCount();
        int chunks = Math.max(1, Math.min(pairs, pool.threads() * 4));
        int longest = 0;
        for (int t = 0; t < T; t++) {
            longest = Math.max(longest, b.positions[t] + 1);
        }
        int rowLen = longest;
        if (b.scores.length < chunks * rowLen) {
            b.scores = new float[chunks * rowLen];
        }
        java.util.Arrays.fill(b.attn, 0, T * config.qDim(), 0f);
        attend.start(b, il, local, pairs, chunks, rowLen);
        pool.run(chunks, attend);
    }

    /** Attention of a contiguous share of the (token, head) pairs; each chunk has its own score row. */
    private final class AttentionTask implements WorkerPool.Task {
        private ForwardBuffers b;
        private int il;
        private boolean local;
        private int pairs;
        private int chunks;
        private int rowLen;

        void start(ForwardBuffers b, int il, boolean local, int pairs, int chunks, int rowLen) {
            this.b = b;
            this.il = il;
            this.local = local;
            this.pairs = pairs;
            this.chunks = chunks;
            this.rowLen = rowLen;
        }

        @Override
        public void run(int worker, int chunk) {
            Gemma3Config c = config;
            int hd = c.headDim();
            int nHead = c.headCount();
            int group = nHead / c.headCountKv();
            int window = c.slidingWindow();
            float[] scores = b.scores;
            int so = chunk * rowLen;
            int from = (int) ((long) pairs * chunk / chunks);
            int to = (int) ((long) pairs * (chunk + 1) / chunks);
            for (int pair = from; pair < to; pair++) {
                int t = pair / nHead;
                int h = pair % nHead;
                KvCache cache = b.owners[t].cache;
                float[] keys = cache.keys(il);
                float[] values = cache.values(il);
                int pos = b.positions[t];
                int first = local ? Math.max(0, pos - window + 1) : 0;
                int qo = t * c.qDim() + h * hd;
                int ko = (h / group) * hd;
                int n = pos - first + 1;
                for (int j = 0; j < n; j++) {
                    scores[so + j] = ops.dot(b.q, qo, keys, cache.offset(il, first + j) + ko, hd);
                }
                ops.softmax(scores, so, n);
                for (int j = 0; j < n; j++) {
                    ops.axpy(scores[so + j], values, cache.offset(il, first + j) + ko, b.attn, qo, hd);
                }
            }
        }
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

    /** Rows of a matrix go to the workers in groups of this many (the kernels' register tile). */
    private static final int ROW_GROUP = 4;

    /** out[t][r] = W[r]·in[t] for T tokens; rows are split over the pool, each weight read once for all tokens. */
    private void matmul(WeightMatrix w, float[] in, float[] out, int T) {
        product.start(w, in, T, out, 0, 0f);
        pool.forRange((w.rows() + ROW_GROUP - 1) / ROW_GROUP, 4, product);
    }

    /*
     * The pool's tasks are these reusable objects rather than lambdas, whose captures would allocate
     * on every call: a decode step then allocates nothing. (Forward passes on one model are serial.)
     */

    /** One matrix product over groups of ROW_GROUP rows; a positive cap also soft-caps the results. */
    private final class MatMulTask implements WorkerPool.RangeTask {
        private WeightMatrix w;
        private float[] in;
        private int tokens;
        private float[] out;
        private int outOff;
        private float cap;

        void start(WeightMatrix w, float[] in, int tokens, float[] out, int outOff, float cap) {
            this.w = w;
            this.in = in;
            this.tokens = tokens;
            this.out = out;
            this.outOff = outOff;
            this.cap = cap;
        }

        @Override
        public void run(int worker, int g0, int g1) {
            int rows = w.rows();
            int r0 = g0 * ROW_GROUP;
            int r1 = Math.min(rows, g1 * ROW_GROUP);
            w.matmul(ops, r0, r1, in, 0, w.cols(), tokens, out, outOff, rows, scratch[worker]);
            if (cap > 0) {
                for (int t = 0; t < tokens; t++) {
                    for (int r = r0; r < r1; r++) {
                        int i = outOff + t * rows + r;
                        out[i] = cap * (float) Math.tanh(out[i] / cap);
                    }
                }
            }
        }
    }

    /** gate = gelu(gate)·up, token by token. */
    private final class GeluTask implements WorkerPool.RangeTask {
        private ForwardBuffers b;

        void start(ForwardBuffers b) {
            this.b = b;
        }

        @Override
        public void run(int worker, int t0, int t1) {
            int ff = config.feedForwardLength();
            for (int t = t0; t < t1; t++) {
                ops.geluTanhMul(b.gate, t * ff, b.up, t * ff, ff);
            }
        }
    }

    /** Final norm and output projection of tokens [from, to) of the pass into logits[at..], vocab each. */
    private void outputLogits(ForwardBuffers b, int from, int to, float[] logits, int at) {
        int d = config.embeddingLength();
        for (int t = from; t < to; t++) {
            ops.rmsNorm(b.x, t * d, weights.outputNorm(), 0, b.normed, (t - from) * d, d, config.rmsEps());
        }
        projectToVocabulary(b, to - from, logits, at);
    }

    /** Logits of the first {@code count} rows of b.normed into logits[at..], vocab each. */
    private void projectToVocabulary(ForwardBuffers b, int count, float[] logits, int at) {
        int vocab = config.vocabSize();
        product.start(weights.output(), b.normed, count, logits, at, config.finalLogitSoftcap());
        pool.forRange((vocab + ROW_GROUP - 1) / ROW_GROUP, 16, product);
    }

    @Override
    public void close() {
        pool.close();
        file.close();
    }
}
