package io.qat4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.InferenceState;
import io.qat4j.infer.KvCache;

/**
 * One model being scored: the loaded engine, its vocabulary, a KV cache for one window, the logits of
 * the current chunk, and the running sums of its scores.
 */
final class ModelUnderTest implements AutoCloseable {
    final ModelSpec spec;
    final Gemma3Model model;
    final SentencePieceTokenizer tokenizer;
    final String[] vocabulary;
    final int vocab;
    final long fileBytes;
    final String weightType;
    final String embeddingType;

    private InferenceState state;
    float[] logits;

    double nats;
    long tokens;
    double klSum;
    long agreements;
    long forwardNanos;
    int windows;
    int windowTokens;
    long bytesScored;

    private ModelUnderTest(ModelSpec spec, Gemma3Model model, long fileBytes) {
        this.spec = spec;
        this.model = model;
        this.tokenizer = SentencePieceTokenizer.fromGguf(model.file().metadata());
        this.vocabulary = GgufVocabulary.read(model.file().metadata()).tokens();
        this.vocab = model.config().vocabSize();
        this.fileBytes = fileBytes;
        this.weightType = dominantType(model.file().tensors().values());
        this.embeddingType = embeddingType(model.file().tensors().values());
    }

    static ModelUnderTest open(ModelSpec spec, int threads) throws IOException {
        if (!Files.isRegularFile(spec.path())) {
            throw new NoSuchFileException(spec.path().toString(), null, "model not found");
        }
        Gemma3Model m = Gemma3Model.load(spec.path(), threads);
        try {
            return new ModelUnderTest(spec, m, Files.size(spec.path()));
        } catch (RuntimeException e) {
            m.close();
            throw new IllegalArgumentException(spec.path() + ": " + e.getMessage(), e);
        }
    }

    /** Prepares a cache for windows of {@code window} tokens evaluated {@code chunk} at a time. */
    void prepare(int window, int chunk) {
        state = model.newState(window, chunk);
        logits = new float[Math.multiplyExact(chunk, vocab)];
        windowTokens = window;
    }

    void startWindow() {
        state.rewind(0);
    }

    /** Evaluates {@code n} input tokens at the next positions of the window, keeping every row's logits. */
    void forward(int[] input, int off, int n) {
        long t0 = System.nanoTime();
        model.forward(state, input, off, n, logits, true);
        forwardNanos += System.nanoTime() - t0;
    }

    /**
     * Adds the scores of the chunk's {@code n} rows, whose targets are {@code targets[targetOff ..]};
     * against the reference's rows when {@code ref} is not null.
     */
    void score(int n, int[] targets, int targetOff, ModelUnderTest ref, double[] refLse, int[] refArgmax) {
        for (int i = 0; i < n; i++) {
            int row = i * vocab;
            double lse = LogProbs.logSumExp(logits, row, vocab);
            nats += lse - logits[row + targets[targetOff + i]];
            if (ref != null) {
                klSum += LogProbs.klDivergence(ref.logits, row, refLse[i], logits, row, lse, vocab);
                if (LogProbs.argmax(logits, row, vocab) == refArgmax[i]) {
                    agreements++;
                }
            }
        }
        tokens += n;
    }

    boolean sameVocabulary(ModelUnderTest other) {
        return vocab == other.vocab && Arrays.equals(vocabulary, other.vocabulary);
    }

    /** Where this vocabulary first differs from another's, for error messages. */
    String vocabularyDifference(ModelUnderTest other) {
        if (vocabulary.length != other.vocabulary.length || vocab != other.vocab) {
            return vocabulary.length + " vs " + other.vocabulary.length + " tokens";
        }
        for (int i = 0; i < vocabulary.length; i++) {
            if (!vocabulary[i].equals(other.vocabulary[i])) {
                return "token " + i + " is '" + vocabulary[i] + "' vs '" + other.vocabulary[i] + "'";
            }
        }
        return "same tokens";
    }

    /** Weights plus a float32 KV cache for the whole context. */
    long memoryBytes() {
        var c = model.config();
        return model.weights().byteSize() + KvCache.bytes(c, c.contextLength(), 1, false);
    }

    ModelResult result(boolean withReference) {
        double scoringTps = forwardNanos == 0 ? 0 : tokens / (forwardNanos / 1e9);
        return new ModelResult(spec.path().toString(), spec.label(), spec.role(), weightType, embeddingType, vocab,
                windowTokens, windows, tokens, bytesScored, nats, withReference ? klSum / tokens : null,
                withReference ? (double) agreements / tokens : null, fileBytes, memoryBytes(), null, null, scoringTps, null);
    }

    /** The type holding the most weights of the matrices (norm vectors aside). */
    static String dominantType(Iterable<TensorInfo> tensors) {
        Map<GgmlType, Long> elements = new HashMap<>();
        for (TensorInfo t : tensors) {
            if (t.nDims() >= 2) {
                elements.merge(t.type(), t.elementCount(), Long::sum);
            }
        }
        return elements.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey().name()).orElse("none");
    }

    /** The type of the token embedding ({@code token_embd.weight}, tied to the output in Gemma 3), or null. */
    static String embeddingType(Iterable<TensorInfo> tensors) {
        for (TensorInfo t : tensors) {
            if (t.name().equals("token_embd.weight")) {
                return t.type().name();
            }
        }
        return null;
    }

    @Override
    public void close() {
        model.close();
    }
}
