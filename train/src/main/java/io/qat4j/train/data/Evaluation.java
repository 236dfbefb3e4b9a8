package io.qat4j.train.data;

import io.qat4j.train.model.GemmaModel;

/**
 * Bits per byte over a whole split, as testdata/corpus/README.md defines it: the token stream in
 * non-overlapping windows of T, each fed as {@code [BOS] + w[:−1]}, so every token is predicted once
 * (the last window is shorter); bits per byte = Σ nats / bytes / ln 2, where the bytes are those of the
 * text the scored tokens stand for ({@link Tokenizer#byteCount}): every byte of a split scored whole,
 * whatever the tokenizer.
 *
 * @param nats    total cross-entropy
 * @param tokens  tokens scored
 * @param bytes   UTF-8 bytes the scored text holds
 */
public record Evaluation(double nats, long tokens, long bytes) {

    public double lossPerToken() {
        return nats / tokens;
    }

    public double bitsPerByte() {
        return nats / bytes / Math.log(2);
    }

    /**
     * Scores {@code tokens} (of {@code tokenizer}) with the model in batches of its largest batch size.
     *
     * @param maxWindows  evaluate only the first windows (0 = the whole split)
     */
    public static Evaluation run(GemmaModel model, int[] tokens, Tokenizer tokenizer, int seqLen, int maxWindows) {
        int bos = tokenizer.bosId();
        int full = tokens.length / seqLen;
        int rest = tokens.length - full * seqLen;
        boolean limited = maxWindows > 0 && maxWindows < full + (rest > 0 ? 1 : 0);
        if (limited) {
            full = maxWindows;
            rest = 0;
        }
        int batch = model.maxBatch();
        int[] in = new int[batch * seqLen];
        int[] tg = new int[batch * seqLen];
        double nats = 0;
        long scored = 0;
        for (int w0 = 0; w0 < full; w0 += batch) {
            int n = Math.min(batch, full - w0);
            for (int b = 0; b < n; b++) {
                fill(tokens, (w0 + b) * seqLen, seqLen, bos, in, tg, b * seqLen);
            }
            model.forward(in, tg, n, seqLen);
            nats += model.lossSum();
            scored += (long) n * seqLen;
        }
        if (rest > 0) {
            fill(tokens, full * seqLen, rest, bos, in, tg, 0);
            model.forward(in, tg, 1, rest);
            nats += model.lossSum();
            scored += rest;
        }
        long bytes = 0;
        for (int i = 0; i < scored; i++) {
            bytes += tokenizer.byteCount(tokens[i]);
        }
        return new Evaluation(nats, scored, bytes);
    }

    private static void fill(int[] tokens, int start, int len, int bos, int[] in, int[] tg, int at) {
        in[at] = bos;
        System.arraycopy(tokens, start, in, at + 1, len - 1);
        System.arraycopy(tokens, start, tg, at, len);
    }
}
