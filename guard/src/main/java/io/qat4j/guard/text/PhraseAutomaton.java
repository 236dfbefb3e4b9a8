package io.qat4j.guard.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton over {@link Normalizer} symbols: one pass over a stream finds every
 * occurrence of every pattern. State 0 is the root. Immutable once built; safe to share.
 *
 * <p>Transitions are stored per state as sorted label arrays (binary search) and missing ones are
 * resolved through failure links, which keeps memory proportional to the patterns' total length.
 */
public final class PhraseAutomaton {
    private static final int[] NONE = new int[0];

    private final char[][] labels;
    private final int[][] targets;
    private final int[] failure;
    private final int[] depth;
    private final int[][] outputs;
    private final String[] patterns;
    private final boolean[] needsEndBoundary;

    private PhraseAutomaton(char[][] labels, int[][] targets, int[] failure, int[] depth, int[][] outputs,
            String[] patterns) {
        this.labels = labels;
        this.targets = targets;
        this.failure = failure;
        this.depth = depth;
        this.outputs = outputs;
        this.patterns = patterns;
        this.needsEndBoundary = new boolean[patterns.length];
        for (int p = 0; p < patterns.length; p++) {
            needsEndBoundary[p] = WordChars.isWordChar(patterns[p].codePointBefore(patterns[p].length()));
        }
    }

    /** Receives a whole-word occurrence of a pattern at [start, end) of the original text. */
    @FunctionalInterface
    public interface MatchSink {
        void match(int pattern, int start, int end);
    }

    /**
     * Reports every whole-word occurrence in {@code text}: the start is a word start by
     * construction (the {@link Normalizer#WORD_START} marker); the end must be followed by a
     * non-word character or the end of the text when the pattern ends in a word character.
     */
    public void find(NormalizedText text, MatchSink sink) {
        String source = text.text();
        int state = 0;
        for (int j = 0; j < text.length(); j++) {
            state = step(state, text.symbol(j));
            for (int p : outputs[state]) {
                int end = text.sourceEnd(j);
                if (needsEndBoundary[p] && WordChars.wordCharAt(source, end)) {
                    continue;
                }
                int first = j - patterns[p].length() + 1;
                sink.match(p, text.sourceStart(first), end);
            }
        }
    }

    /** Whether the pattern ends in a word character, so a match needs a boundary after it. */
    public boolean needsEndBoundary(int p) {
        return needsEndBoundary[p];
    }

    public static Builder builder() {
        return new Builder();
    }

    public int stateCount() {
        return failure.length;
    }

    public int patternCount() {
        return patterns.length;
    }

    /** The normalized text of pattern {@code p}. */
    public String pattern(int p) {
        return patterns[p];
    }

    /** The state after reading {@code symbol} in {@code state}. */
    public int step(int state, char symbol) {
        int s = state;
        while (true) {
            int t = goTo(s, symbol);
            if (t >= 0) {
                return t;
            }
            if (s == 0) {
                return 0;
            }
            s = failure[s];
        }
    }

    /** The patterns that end at this state (its own and, through suffix links, shorter ones). */
    public int[] outputs(int state) {
        return outputs[state];
    }

    public int failure(int state) {
        return failure[state];
    }

    /** How many symbols of a pattern this state has matched. */
    public int depth(int state) {
        return depth[state];
    }

    /** The symbols on which this state has a trie edge (not counting failure links). */
    public char[] labels(int state) {
        return labels[state];
    }

    /** The trie edge from {@code state} on {@code symbol}, or -1 (failure links not followed). */
    public int child(int state, char symbol) {
        return goTo(state, symbol);
    }

    private int goTo(int state, char symbol) {
        char[] l = labels[state];
        int i = Arrays.binarySearch(l, symbol);
        return i >= 0 ? targets[state][i] : -1;
    }

    /** Collects patterns; {@link #add} returns the same id for the same pattern. */
    public static final class Builder {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> patterns = new ArrayList<>();

        public int add(String normalizedPattern) {
            if (normalizedPattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            return ids.computeIfAbsent(normalizedPattern, p -> {
                patterns.add(p);
                return patterns.size() - 1;
            });
        }

        public PhraseAutomaton build() {
            // Trie with edges in a map while building.
            List<Map<Character, Integer>> edges = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            List<List<Integer>> ends = new ArrayList<>();
            edges.add(new HashMap<>());
            depths.add(0);
            ends.add(new ArrayList<>());
            for (int p = 0; p < patterns.size(); p++) {
                String pat = patterns.get(p);
                int s = 0;
                for (int i = 0; i < pat.length(); i++) {
                    Integer next = edges.get(s).get(pat.charAt(i));
                    if (next == null) {
                        next = edges.size();
                        edges.add(new HashMap<>());
                        depths.add(i + 1);
                        ends.add(new ArrayList<>());
                        edges.get(s).put(pat.charAt(i), next);
                    }
                    s = next;
                }
                ends.get(s).add(p);
            }
            int n = edges.size();
            char[][] labels = new char[n][];
            int[][] targets = new int[n][];
            for (int s = 0; s < n; s++) {
                var keys = edges.get(s).keySet().stream().sorted().toList();
                labels[s] = new char[keys.size()];
                targets[s] = new int[keys.size()];
                for (int i = 0; i < keys.size(); i++) {
                    labels[s][i] = keys.get(i);
                    targets[s][i] = edges.get(s).get(keys.get(i));
                }
            }
            int[] depth = depths.stream().mapToInt(Integer::intValue).toArray();
            int[] failure = new int[n];
            int[][] outputs = new int[n][];
            outputs[0] = NONE;
            var automaton = new PhraseAutomaton(labels, targets, failure, depth, outputs,
                    patterns.toArray(String[]::new));
            // Breadth-first: a state's failure target is shallower, so it is complete when needed.
            var queue = new ArrayDeque<Integer>();
            for (int t : targets[0]) {
                failure[t] = 0;
                queue.add(t);
            }
            while (!queue.isEmpty()) {
                int s = queue.poll();
                List<Integer> own = ends.get(s);
                int[] inherited = outputs[failure[s]];
                if (own.isEmpty()) {
                    outputs[s] = inherited;
                } else {
                    int[] out = new int[own.size() + inherited.length];
                    for (int i = 0; i < own.size(); i++) {
                        out[i] = own.get(i);
                    }
                    System.arraycopy(inherited, 0, out, own.size(), inherited.length);
                    outputs[s] = out;
                }
                for (int i = 0; i < labels[s].length; i++) {
                    int t = targets[s][i];
                    failure[t] = automaton.step(failure[s], labels[s][i]);
                    queue.add(t);
                }
            }
            return automaton;
        }
    }
}
