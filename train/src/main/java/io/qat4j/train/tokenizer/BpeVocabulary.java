package io.qat4j.train.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.core.tokenizer.TokenType;

/**
 * What {@link BpeTrainer} learned: the vocabulary (as GGUF stores it), the merges in the order they
 * were made, and how training left each corpus word.
 */
public final class BpeVocabulary {
    private final GgufVocabulary vocabulary;
    private final int alphabetSize;
    private final List<BpeMerge> merges;
    private final int skippedMerges;
    private final WordTable words;

    BpeVocabulary(List<String> pieces, int alphabetSize, List<BpeMerge> merges, int skippedMerges, WordTable words) {
        int n = pieces.size();
        var types = new TokenType[n];
        var scores = new float[n];
        for (int id = 0; id < n; id++) {
            types[id] = id < ReservedTokens.COUNT ? ReservedTokens.type(id) : TokenType.NORMAL;
        }
        int firstMerge = ReservedTokens.COUNT + alphabetSize;
        for (int id = firstMerge; id < n; id++) {
            scores[id] = -(id - firstMerge); // the first merge scores highest, so it is joined first
        }
        this.vocabulary = new GgufVocabulary(pieces.toArray(String[]::new), scores, types, ReservedTokens.BOS,
                ReservedTokens.EOS, ReservedTokens.UNK, ReservedTokens.PAD, true, false, false);
        this.alphabetSize = alphabetSize;
        this.merges = List.copyOf(merges);
        this.skippedMerges = skippedMerges;
        this.words = words;
    }

    /**
     * The vocabulary: reserved tokens, characters (score 0), merged pieces (score −rank); BOS 2, EOS 1,
     * UNK 3, PAD 0; adds BOS, no EOS, no space prefix (as Gemma's).
     */
    public GgufVocabulary vocabulary() {
        return vocabulary;
    }

    public int size() {
        return vocabulary.size();
    }

    /** Single characters in the vocabulary (ids from {@link ReservedTokens#COUNT}). */
    public int alphabetSize() {
        return alphabetSize;
    }

    /** The merges in the order they were made (rank order). */
    public List<BpeMerge> merges() {
        return merges;
    }

    /** Frequent pairs left unmerged because their piece would not tokenize as trained. */
    public int skippedMerges() {
        return skippedMerges;
    }

    /** Distinct words in the corpus. */
    public int distinctWords() {
        return words.size();
    }

    /**
     * Every distinct corpus word (spaces as ▁) with the tokens training left it in (characters outside the
     * vocabulary as their byte tokens), in word order.
     */
    public Map<String, int[]> segmentation() {
        var out = new LinkedHashMap<String, int[]>();
        for (int w = 0; w < words.size(); w++) {
            out.put(words.word(w), words.tokens(w));
        }
        return out;
    }

    /** Writes a GGUF holding only the vocabulary ({@code tokenizer.ggml.*} keys, no tensors), atomically. */
    public void write(Path dest) throws IOException {
        var w = new GgufWriter();
        w.putString("general.name", "qat4j BPE vocabulary (" + size() + " tokens)");
        vocabulary.write(w);
        w.write(dest);
    }

    @Override
    public String toString() {
        return "BpeVocabulary[" + size() + " tokens: " + ReservedTokens.COUNT + " reserved, " + alphabetSize
                + " characters, " + merges.size() + " merges, " + skippedMerges + " skipped; " + words.size()
                + " distinct words]";
    }
}
