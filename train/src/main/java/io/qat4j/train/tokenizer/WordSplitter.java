package io.qat4j.train.tokenizer;

import java.util.function.Consumer;

/**
 * Cuts text into the words BPE counts, the SentencePiece way: a space becomes {@code ▁} (U+2581) and
 * whitespace is attached to the start of the word that follows it. A word is a run of separators
 * (space, ▁, newline, carriage return, tab) followed by a run of other characters, so
 * {@code "In the  beginning\nGod"} gives {@code In}, {@code ▁the}, {@code ▁▁beginning}, {@code \nGod}.
 *
 * <p>Every piece learned inside such words has separators only at its start. Two adjacent pieces
 * therefore never join across a word boundary (the join would hold a separator after another
 * character), which is why tokenizing whole text gives the same tokens as tokenizing word by word.
 */
public final class WordSplitter {
    /** How SentencePiece writes a space inside a piece. */
    public static final char SPACE = '\u2581';

    private WordSplitter() {}

    public static boolean isSeparator(int codePoint) {
        return codePoint == ' ' || codePoint == SPACE || codePoint == '\n' || codePoint == '\r' || codePoint == '\t';
    }

    /** Passes each word of the text, in order, spaces already written as ▁. */
    public static void forEachWord(CharSequence text, Consumer<String> sink) {
        var word = new StringBuilder();
        boolean inBody = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            boolean separator = isSeparator(cp);
            if (separator && inBody) {
                sink.accept(word.toString());
                word.setLength(0);
                inBody = false;
            }
            inBody |= !separator;
            word.appendCodePoint(cp == ' ' ? SPACE : cp);
            i += Character.charCount(cp);
        }
        if (!word.isEmpty()) {
            sink.accept(word.toString());
        }
    }
}
