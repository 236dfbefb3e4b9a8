package io.qat4j.core.tokenizer;

/**
 * Decodes a stream of token ids as they are generated. {@link #next} returns only complete text:
 * the bytes of a character split over several byte tokens are held back until its last byte arrives.
 * Concatenating every {@code next} and the final {@link #finish} gives exactly
 * {@link Tokenizer#decode(int[], boolean)} of the whole sequence. Not thread-safe; one per stream.
 */
public final class IncrementalDecoder {
    private final Tokenizer tokenizer;
    private final boolean skipSpecial;
    private final StringBuilder out = new StringBuilder();
    private final Utf8Assembler utf8 = new Utf8Assembler(out);

    /** @param skipSpecial when true, control and unknown tokens contribute nothing */
    public IncrementalDecoder(Tokenizer tokenizer, boolean skipSpecial) {
        this.tokenizer = tokenizer;
        this.skipSpecial = skipSpecial;
    }

    /** Decodes a whole sequence by the rule of {@link Tokenizer}. */
    public static String decodeAll(Tokenizer tokenizer, int[] ids, boolean skipSpecial) {
        var decoder = new IncrementalDecoder(tokenizer, skipSpecial);
        for (int id : ids) {
            decoder.accept(id);
        }
        decoder.utf8.finish();
        return decoder.out.toString();
    }

    /** Feeds one id; returns the text it completes (often empty while a character is incomplete). */
    public String next(int id) {
        accept(id);
        return drain();
    }

    private void accept(int id) {
        TokenType type = tokenizer.type(id);
        String piece = tokenizer.piece(id);
        if (type == TokenType.BYTE) {
            utf8.acceptByte(Vocabulary.byteValueOf(piece));
        } else if (type.isSpecial()) {
            if (!skipSpecial) {
                utf8.acceptText(piece);
            }
        } else {
            utf8.acceptText(piece.replace('\u2581', ' '));
        }
    }

    /** Ends the stream: an incomplete character left over becomes U+FFFD. The decoder can be reused. */
    public String finish() {
        utf8.finish();
        return drain();
    }

    private String drain() {
        if (out.isEmpty()) {
            return "";
        }
        String s = out.toString();
        out.setLength(0);
        return s;
    }
}
