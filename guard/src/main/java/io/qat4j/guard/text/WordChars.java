package io.qat4j.guard.text;

/**
 * What counts as part of a word, everywhere in guard (term boundaries, word counts, the decoder):
 * letters, digits and combining marks (so a decomposed "é" stays inside its word). Everything else
 * bounds words.
 */
public final class WordChars {
    private WordChars() {
    }

    public static boolean isWordChar(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * Whitespace, including no-break spaces and U+2581 (the SentencePiece space), so raw
     * tokenizer pieces read like text.
     */
    public static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x2581;
    }

    /** Whether the code point before {@code index} in {@code text} is a word character. */
    public static boolean wordCharBefore(CharSequence text, int index) {
        return index > 0 && isWordChar(Character.codePointBefore(text, index));
    }

    /** Whether the code point at {@code index} in {@code text} is a word character. */
    public static boolean wordCharAt(CharSequence text, int index) {
        return index < text.length() && isWordChar(Character.codePointAt(text, index));
    }
}
