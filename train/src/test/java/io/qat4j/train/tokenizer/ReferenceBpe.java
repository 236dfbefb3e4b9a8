package io.qat4j.train.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.core.tokenizer.TokenType;

/**
 * Plain BPE, written for tests: a word starts as its characters (those of the vocabulary's single-character
 * pieces; any other character stands alone and ends as its byte tokens), and the adjacent pair with the
 * lowest-ranked merge rule is merged, leftmost first, until no rule applies. Knows nothing of scores.
 */
final class ReferenceBpe {
    private final Map<String, Integer> characters = new HashMap<>();
    private final Map<List<Integer>, Integer> rank = new HashMap<>();
    private final List<BpeMerge> merges;

    ReferenceBpe(GgufVocabulary vocabulary, List<BpeMerge> merges) {
        String[] tokens = vocabulary.tokens();
        TokenType[] types = vocabulary.types();
        for (int id = 0; id < tokens.length; id++) {
            if (types[id] == TokenType.NORMAL && tokens[id].codePointCount(0, tokens[id].length()) == 1) {
                characters.put(tokens[id], id);
            }
        }
        this.merges = merges;
        for (int r = 0; r < merges.size(); r++) {
            rank.put(List.of(merges.get(r).left(), merges.get(r).right()), r);
        }
    }

    /** The tokens of one word (spaces written ▁). */
    int[] apply(String word) {
        List<Integer> symbols = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        word.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            symbols.add(characters.getOrDefault(c, -1));
            texts.add(c);
        });
        while (true) {
            int bestRank = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = rank.get(List.of(symbols.get(i), symbols.get(i + 1)));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            symbols.set(at, merges.get(bestRank).id());
            texts.set(at, texts.get(at) + texts.remove(at + 1));
            symbols.remove(at + 1);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i) >= 0) {
                out.add(symbols.get(i));
            } else {
                for (byte b : texts.get(i).getBytes(StandardCharsets.UTF_8)) {
                    out.add(ReservedTokens.FIRST_BYTE + (b & 0xFF));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
