package io.qat4j.train.ops;

/**
 * Plain-loop reference kernels: each one is the math written out, single-threaded, so it can be read
 * against the formulas and used by tests as the yardstick for {@link FastOps}.
 */
public final class ReferenceOps implements TrainOps {
    public static final ReferenceOps INSTANCE = new ReferenceOps();

    static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    static final float GELU_CUBIC = 0.044715f;

    private ReferenceOps() {}

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void embeddingForward(float[] out, int[] tokens, int rows, float[] table, int tableOff, int dim, float scale) {
        for (int n = 0; n < rows; n++) {
            int row = tableOff + tokens[n] * dim;
            for (int i = 0; i < dim; i++) {
                out[n * dim + i] = table[row + i] * scale;
            }
        }
    }

    @Override
    public void embeddingBackward(float[] dTable, int dTableOff, int[] tokens, int rows, float[] dOut, int dim, float scale) {
        for (int n = 0; n < rows; n++) {
            int row = dTableOff + tokens[n] * dim;
            for (int i = 0; i < dim; i++) {
                dTable[row + i] += dOut[n * dim + i] * scale;
            }
        }
    }

    @Override
    public void rmsNormForward(float[] out, float[] rstd, float[] x, float[] g, int gOff, int rows, int dim, float eps) {
        for (int n = 0; n < rows; n++) {
            int o = n * dim;
            float ss = 0f;
            for (int i = 0; i < dim; i++) {
                ss += x[o + i] * x[o + i];
            }
            float r = (float) (1.0 / Math.sqrt(ss / dim + eps));
            rstd[n] = r;
            for (int i = 0; i < dim; i++) {
                out[o + i] = x[o + i] * r * g[gOff + i];
            }
        }
    }

    @Override
    public void rmsNormBackward(float[] dx, boolean accumulate, float[] dg, int dgOff, float[] dy, float[] x, float[] g,
            int gOff, float[] rstd, int rows, int dim) {
        for (int n = 0; n < rows; n++) {
            int o = n * dim;
            float r = rstd[n];
            // Σ_j g_j·dy_j·x_j couples every input of the row through the shared 1/rms.
            float dot = 0f;
            for (int i = 0; i < dim; i++) {
                dot += g[gOff + i] * dy[o + i] * x[o + i];
            }
            float c = r * r * r * dot / dim;
            for (int i = 0; i < dim; i++) {
                float d = r * g[gOff + i] * dy[o + i] - c * x[o + i];
                dx[o + i] = accumulate ? dx[o + i] + d : d;
                dg[dgOff + i] += dy[o + i] * x[o + i] * r;
            }
        }
    }

    @Override
    public void matmulForward(float[] y, float[] x, float[] w, int wOff, int rows, int in, int out) {
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < out; o++) {
                float s = 0f;
                for (int i = 0; i < in; i++) {
                    s += x[n * in + i] * w[wOff + o * in + i];
                }
                y[n * out + o] = s;
            }
        }
    }

    @Override
    public void matmulBackwardInput(float[] dx, boolean accumulate, float[] dy, float[] w, int wOff, int rows, int in,
            int out) {
        for (int n = 0; n < rows; n++) {
            for (int i = 0; i < in; i++) {
                float s = 0f;
                for (int o = 0; o < out; o++) {
                    s += dy[n * out + o] * w[wOff + o * in + i];
                }
                dx[n * in + i] = accumulate ? dx[n * in + i] + s : s;
            }
        }
    }

    @Override
    public void matmulBackwardWeight(float[] dw, int dwOff, float[] dy, float[] x, int rows, int in, int out) {
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                float s = 0f;
                for (int n = 0; n < rows; n++) {
                    s += dy[n * out + o] * x[n * in + i];
                }
                dw[dwOff + o * in + i] += s;
            }
        }
    }

    @Override
    public void ropeForward(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table) {
        rotate(x, rows, seqLen, heads, headDim, table, 1f);
    }

    @Override
    public void ropeBackward(float[] dx, int rows, int seqLen, int heads, int headDim, RopeTable table) {
        rotate(dx, rows, seqLen, heads, headDim, table, -1f);
    }

    /** Rotation by +angle (forward) or −angle (its transpose, the backward). */
    private static void rotate(float[] x, int rows, int seqLen, int heads, int headDim, RopeTable table, float direction) {
        int half = headDim / 2;
        for (int n = 0; n < rows; n++) {
            int pos = n % seqLen;
            for (int h = 0; h < heads; h++) {
                rotatePairs(x, (n * heads + h) * headDim, half, table.cosTable(), table.sinTable(),
                        table.rowOffset(pos), 0, direction);
            }
        }
    }

    /** Rotates pairs (i, i + half) for i in [from, half) of the head at x[o..] by the angles of one position. */
    static void rotatePairs(float[] x, int o, int half, float[] cos, float[] sin, int angleRow, int from, float direction) {
        for (int i = from; i < half; i++) {
            float c = cos[angleRow + i];
            float s = direction * sin[angleRow + i];
            float a = x[o + i];
            float b = x[o + i + half];
            x[o + i] = a * c - b * s;
            x[o + i + half] = b * c + a * s;
        }
    }

    @Override
    public void attentionForward(float[] y, float[] probs, float[] q, float[] k, float[] v, AttentionShape s) {
        int T = s.seqLen();
        int hd = s.headDim();
        int qd = s.qDim();
        int kvd = s.kvDim();
        for (int b = 0; b < s.batch(); b++) {
            for (int h = 0; h < s.heads(); h++) {
                int kvh = h / s.group();
                for (int t = 0; t < T; t++) {
                    int qo = (b * T + t) * qd + h * hd;
                    int po = ((b * s.heads() + h) * T + t) * T;
                    int lo = s.firstKey(t);
                    for (int j = 0; j < T; j++) {
                        probs[po + j] = 0f;
                    }
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = lo; j <= t; j++) {
                        int ko = (b * T + j) * kvd + kvh * hd;
                        float dot = 0f;
                        for (int i = 0; i < hd; i++) {
                            dot += q[qo + i] * k[ko + i];
                        }
                        probs[po + j] = dot * s.scale();
                        max = Math.max(max, probs[po + j]);
                    }
                    float sum = 0f;
                    for (int j = lo; j <= t; j++) {
                        probs[po + j] = (float) Math.exp(probs[po + j] - max);
                        sum += probs[po + j];
                    }
                    for (int j = lo; j <= t; j++) {
                        probs[po + j] /= sum;
                    }
                    for (int i = 0; i < hd; i++) {
                        float acc = 0f;
                        for (int j = lo; j <= t; j++) {
                            acc += probs[po + j] * v[(b * T + j) * kvd + kvh * hd + i];
                        }
                        y[qo + i] = acc;
                    }
                }
            }
        }
    }

    @Override
    public void attentionBackward(float[] dq, float[] dk, float[] dv, float[] dy, float[] probs, float[] q, float[] k,
            float[] v, AttentionShape s) {
        int T = s.seqLen();
        int hd = s.headDim();
        int qd = s.qDim();
        int kvd = s.kvDim();
        int rows = s.batch() * T;
        java.util.Arrays.fill(dq, 0, rows * qd, 0f);
        java.util.Arrays.fill(dk, 0, rows * kvd, 0f);
        java.util.Arrays.fill(dv, 0, rows * kvd, 0f);
        float[] dp = new float[T];
        for (int b = 0; b < s.batch(); b++) {
            for (int h = 0; h < s.heads(); h++) {
                int kvh = h / s.group();
                for (int t = 0; t < T; t++) {
                    int qo = (b * T + t) * qd + h * hd;
                    int po = ((b * s.heads() + h) * T + t) * T;
                    int lo = s.firstKey(t);
                    float pdp = 0f;
                    for (int j = lo; j <= t; j++) {
                        int vo = (b * T + j) * kvd + kvh * hd;
                        float d = 0f;
                        for (int i = 0; i < hd; i++) {
                            d += dy[qo + i] * v[vo + i];
                        }
                        dp[j] = d;
                        pdp += probs[po + j] * d;
                    }
                    for (int j = lo; j <= t; j++) {
                        float p = probs[po + j];
                        // softmax backward: dScore = p·(dp − Σ p·dp); the scale of q·k moves onto q and k.
                        float ds = p * (dp[j] - pdp) * s.scale();
                        int ko = (b * T + j) * kvd + kvh * hd;
                        for (int i = 0; i < hd; i++) {
                            dq[qo + i] += ds * k[ko + i];
                            dk[ko + i] += ds * q[qo + i];
                            dv[ko + i] += p * dy[qo + i];
                        }
                    }
                }
            }
        }
    }

    /** gelu_tanh(x) = 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))). */
    static float gelu(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
    }

    /** d gelu_tanh / dx. */
    static float geluDerivative(float x) {
        float th = (float) Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x));
        return 0.5f * (1f + th) + 0.5f * x * (1f - th * th) * SQRT_2_OVER_PI * (1f + 3f * GELU_CUBIC * x * x);
    }

    @Override
    public void geluGateForward(float[] out, float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = gelu(gate[i]) * up[i];
        }
    }

    @Override
    public void geluGateBackward(float[] dGate, float[] dUp, float[] dOut, float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            float d = dOut[i];
            dGate[i] = d * up[i] * geluDerivative(gate[i]);
            dUp[i] = d * gelu(gate[i]);
        }
    }

    @Override
    public void add(float[] out, float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    @Override
    public void accumulate(float[] dst, float[] src, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] += src[i];
        }
    }

    @Override
    public void crossEntropyForward(float[] losses, float[] logits, int[] targets, int rows, int vocab) {
        for (int n = 0; n < rows; n++) {
            int o = n * vocab;
            float max = max(logits, o, vocab);
            losses[n] = (float) (Math.log(expSum(logits, o, vocab, max)) + max - logits[o + targets[n]]);
        }
    }

    @Override
    public void crossEntropyBackward(float[] logits, int[] targets, int rows, int vocab, float scale) {
        for (int n = 0; n < rows; n++) {
            int o = n * vocab;
            float max = max(logits, o, vocab);
            double sum = expSum(logits, o, vocab, max);
            for (int i = 0; i < vocab; i++) {
                float p = (float) (Math.exp(logits[o + i] - max) / sum);
                logits[o + i] = scale * (p - (i == targets[n] ? 1f : 0f));
            }
        }
    }

    private static float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    /** Σ exp(x[i] − shift), in double. */
    private static double expSum(float[] x, int off, int n, float shift) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[off + i] - shift);
        }
        return sum;
    }
}
