package io.qat4j.train.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The vocabulary as it grows: piece text by id (the reserved tokens first) and the reverse index.
 * Word symbols are piece ids, or, for a character outside the vocabulary, {@code -1 - codePoint}:
 * such a symbol never merges, but its text still matters, because a tokenizer joins any two
 * adjacent symbols whose text is a vocabulary entry.
 */
final class PieceTable {
    private final List<String> pieces = new ArrayList<>();
    private final HashMap<String, Integer> ids = new HashMap<>();

    PieceTable() {
        for (int id = 0; id < ReservedTokens.COUNT; id++) {
            add(ReservedTokens.piece(id));
        }
    }

    /** Appends a piece and returns its id. */
    int add(String piece) {
        int id = pieces.size();
        pieces.add(piece);
        if (ids.putIfAbsent(piece, id) != null) {
            throw new IllegalStateException("piece '" + piece + "' is already in the vocabulary");
        }
        return id;
    }

    /** Takes back the piece added last. */
    void removeLast() {
        ids.remove(pieces.removeLast());
    }

    int size() {
        return pieces.size();
    }

    String piece(int id) {
        return pieces.get(id);
    }

    /** The id of a piece, or -1. */
    int idOf(String piece) {
        return ids.getOrDefault(piece, -1);
    }

    static int outsideSymbol(int codePoint) {
        return -1 - codePoint;
    }

    static int codePointOf(int outsideSymbol) {
        return -1 - outsideSymbol;
    }

    /** The text a word symbol covers. */
    String text(int symbol) {
        return symbol >= 0 ? pieces.get(symbol) : Character.toString(codePointOf(symbol));
    }

    /** Whether two adjacent symbols' joined text is in the vocabulary (so a tokenizer would join them). */
    boolean joins(int left, int right) {
        return ids.containsKey(text(left) + text(right));
    }

    List<String> pieces() {
        return List.copyOf(pieces);
    }
}
