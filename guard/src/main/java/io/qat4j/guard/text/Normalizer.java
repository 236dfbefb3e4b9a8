package io.qat4j.guard.text;

/**
 * The symbol stream terms are matched on, the same for checked text and for decoded tokens, so the
 * checker and the decode-time constraint agree on what a match is:
 * <ul>
 *   <li>each code point is lower-cased ({@link Character#toLowerCase(int)}): matching ignores case;
 *   <li>a run of whitespace becomes one space: "risk  free" and "risk\nfree" match "risk free";
 *   <li>every word start (a word character after a non-word one, or at the start) is preceded by
 *       the marker {@link #WORD_START}. Terms are normalized the same way, so a term can only match
 *       where a word starts: "acme" is not found in "xacme". The end of a term is bounded
 *       separately, by looking at the character after the match.
 * </ul>
 * The stream is produced code point by code point from a small state: the class of the previous
 * code point ({@link #BOUNDARY}, {@link #SPACE} or {@link #WORD}).
 */
public final class Normalizer {
    /** Marks a word start; a control character that cannot occur in folded text we care about. */
    public static final char WORD_START = '\u0001';

    /** Class of the previous code point: start of text or punctuation. */
    public static final int BOUNDARY = 0;
    /** Class of the previous code point: whitespace. */
    public static final int SPACE = 1;
    /** Class of the previous code point: a word character. */
    public static final int WORD = 2;

    private Normalizer() {
    }

    public static int classOf(int codePoint) {
        if (WordChars.isSpace(codePoint)) {
            return SPACE;
        }
        return WordChars.isWordChar(codePoint) ? WORD : BOUNDARY;
    }

    /**
     * Writes the symbols for {@code codePoint}, which follows a code point of class
     * {@code previousClass}, into {@code out} from index 0 and returns how many (0 to 3).
     */
    public static int symbols(int codePoint, int previousClass, char[] out) {
        int cls = classOf(codePoint);
        if (cls == SPACE) {
            if (previousClass == SPACE) {
                return 0;
            }
            out[0] = ' ';
            return 1;
        }
        int n = 0;
        if (cls == WORD && previousClass != WORD) {
            out[n++] = WORD_START;
        }
        int lower = Character.toLowerCase(codePoint);
        return n + Character.toChars(lower, out, n);
    }

    /** A term's symbols: stripped, then normalized as if it started the text. */
    public static String normalize(String term) {
        String t = term.strip();
        var sb = new StringBuilder(t.length() + 4);
        char[] buf = new char[3];
        int cls = BOUNDARY;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            int n = symbols(cp, cls, buf);
            sb.append(buf, 0, n);
            cls = classOf(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Whether a match of this term needs a non-word character (or the end) after it. */
    public static boolean needsEndBoundary(String term) {
        String t = term.strip();
        return !t.isEmpty() && WordChars.isWordChar(t.codePointBefore(t.length()));
    }
}
