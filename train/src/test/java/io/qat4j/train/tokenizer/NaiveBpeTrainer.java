package io.qat4j.train.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Textbook BPE training for tests: every step recounts every adjacent pair of every word from scratch and
 * merges the most frequent (ties: the smaller left id, then right id). No skip rules, no incremental
 * counts: on corpora where {@link BpeTrainer} skips nothing, both must learn the same merges.
 */
final class NaiveBpeTrainer {
    private NaiveBpeTrainer() {}

    static List<BpeMerge> merges(String text, BpeOptions options) {
        var words = new TreeMap<String, Long>();
        WordSplitter.forEachWord(text, w -> words.merge(w, 1L, Long::sum));
        var charCounts = new HashMap<Integer, Long>();
        words.forEach((w, n) -> w.codePoints().forEach(cp -> charCounts.merge(cp, n, Long::sum)));
        List<Integer> alphabet = new ArrayList<>(charCounts.keySet());
        alphabet.removeIf(cp -> charCounts.get(cp) < options.minCharCount());
        alphabet.sort((a, b) -> !charCounts.get(a).equals(charCounts.get(b))
                ? Long.compare(charCounts.get(b), charCounts.get(a)) : Integer.compare(a, b));
        int next = ReservedTokens.COUNT;
        var charId = new HashMap<Integer, Integer>();
        for (int cp : alphabet) {
            if (next == options.vocabSize()) {
                break;
            }
            charId.put(cp, next++);
        }
        List<List<Integer>> symbols = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        words.forEach((w, n) -> {
            symbols.add(new ArrayList<>(w.codePoints().mapToObj(cp -> charId.getOrDefault(cp, -1)).toList()));
            counts.add(n);
        });
        List<BpeMerge> merges = new ArrayList<>();
        while (next < options.vocabSize()) {
            Map<List<Integer>, Long> pairs = new HashMap<>();
            for (int w = 0; w < symbols.size(); w++) {
                List<Integer> s = symbols.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i) >= 0 && s.get(i + 1) >= 0) {
                        pairs.merge(List.of(s.get(i), s.get(i + 1)), counts.get(w), Long::sum);
                    }
                }
            }
            List<Integer> best = null;
            long bestCount = 0;
            for (var e : pairs.entrySet()) {
                List<Integer> p = e.getKey();
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && (p.get(0) < best.get(0)
                        || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1))))) {
                    best = p;
                    bestCount = c;
                }
            }
            if (best == null) {
                break;
            }
            int z = next++;
            for (List<Integer> s : symbols) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(best.get(0)) && s.get(i + 1).equals(best.get(1))) {
                        s.set(i, z);
                        s.remove(i + 1);
                    }
                }
            }
            merges.add(new BpeMerge(best.get(0), best.get(1), z));
        }
        return merges;
    }
}
