package io.qat4j.core.tokenizer;

import java.util.Locale;

/**
 * The pieces of a vocabulary with their types, and their text-to-id index. When two ids share a
 * text, the lower id is the one {@link #idOf} finds.
 */
final class Vocabulary {
    private final String[] pieces;
    private final TokenType[] types;
    private final PieceIndex index;
    /** The id of the token {@code <0xXX>} for each byte, -1 where the vocabulary has none. */
    private final int[] byteIds = new int[256];

    /**
     * @param source names the file in error messages
     * @throws IllegalArgumentException when a piece is missing or a BYTE token is not written {@code <0xXX>}
     */
    Vocabulary(String source, String[] pieces, TokenType[] types) {
        if (pieces.length != types.length) {
            throw new IllegalArgumentException(source + ": " + pieces.length + " tokens but " + types.length + " token types");
        }
        this.pieces = pieces.clone();
        this.types = types.clone();
        for (int id = 0; id < pieces.length; id++) {
            if (pieces[id] == null) {
                throw new IllegalArgumentException(source + ": the vocabulary has no token with id " + id);
            }
            if (types[id] == TokenType.BYTE && byteValueOf(pieces[id]) < 0) {
                throw new IllegalArgumentException(source + ": token " + id + " '" + pieces[id]
                        + "' has type BYTE but is not written <0xXX>");
            }
        }
        index = new PieceIndex(this.pieces, null, this.pieces.length);
        for (int b = 0; b < 256; b++) {
            byteIds[b] = idOf(String.format(Locale.ROOT, "<0x%02X>", b));
        }
    }

    int size() {
        return pieces.length;
    }

    String piece(int id) {
        check(id);
        return pieces[id];
    }

    TokenType type(int id) {
        check(id);
        return types[id];
    }

    /** The id whose piece is {@code text}, or -1. */
    int idOf(String text) {
        return index.idOf(text);
    }

    /** The id whose piece equals {@code text[from, to)}, or -1. */
    int idOf(String text, int from, int to) {
        return index.idOf(text, from, to);
    }

    /** The id of the byte token for byte value b (0..255), or -1 when there is none. */
    int byteTokenId(int b) {
        return byteIds[b];
    }

    /** The byte a piece written {@code <0xXX>} stands for, or -1 when it is not so written. */
    static int byteValueOf(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = hexDigit(piece.charAt(3));
        int lo = hexDigit(piece.charAt(4));
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private void check(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (pieces.length - 1) + ")");
        }
    }
}
