package io.qat4j.core.tokenizer;

import java.util.Arrays;

/**
 * Finds whole tokens written in raw text before any merging (control tokens such as
 * {@code <start_of_turn>}, user-defined ones such as newline runs), taking at each position the
 * longest match and scanning left to right. A character trie keeps a scan O(text × longest token).
 */
final class AddedTokenMatcher {
    /** Receives the text between matches and the matched tokens, in order. */
    interface Sink {
        void text(int start, int end);

        void token(int id);
    }

    /** Trie edges: {@code node << 16 | char} to child node. */
    private final LongIntMap edges = new LongIntMap(1024);
    /** Per node: the token ending there, or -1. */
    private int[] tokenAt = {-1};
    /** Per node: true when that token is special (matched only when special parsing is on). */
    private boolean[] special = {false};
    private int nodes = 1;

    /**
     * Adds a token to recognise. {@code special} tokens are only matched when asked for.
     * An empty text is ignored; a text added twice keeps its first id.
     */
    void add(String text, int id, boolean isSpecial) {
        if (text.isEmpty()) {
            return;
        }
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            long key = (long) node << 16 | text.charAt(i);
            int child = edges.get(key, -1);
            if (child < 0) {
                child = newNode();
                edges.put(key, child);
            }
            node = child;
        }
        if (tokenAt[node] < 0) {
            tokenAt[node] = id;
            special[node] = isSpecial;
        }
    }

    boolean isEmpty() {
        return nodes == 1;
    }

    /** Splits text into runs of plain text and matched tokens. */
    void split(String text, boolean includeSpecial, Sink sink) {
        int n = text.length();
        int plainStart = 0;
        int pos = 0;
        while (pos < n) {
            int matchEnd = -1;
            int matchId = -1;
            int node = 0;
            for (int j = pos; j < n; j++) {
                node = edges.get((long) node << 16 | text.charAt(j), -1);
                if (node < 0) {
                    break;
                }
                if (tokenAt[node] >= 0 && (includeSpecial || !special[node])) {
                    matchEnd = j + 1;
                    matchId = tokenAt[node];
                }
            }
            if (matchEnd < 0) {
                pos++;
                continue;
            }
            if (plainStart < pos) {
                sink.text(plainStart, pos);
            }
            sink.token(matchId);
            pos = matchEnd;
            plainStart = pos;
        }
        if (plainStart < n) {
            sink.text(plainStart, n);
        }
    }

    private int newNode() {
        if (nodes == tokenAt.length) {
            tokenAt = Arrays.copyOf(tokenAt, nodes * 2);
            Arrays.fill(tokenAt, nodes, tokenAt.length, -1);
            special = Arrays.copyOf(special, nodes * 2);
        }
        return nodes++;
    }
}
