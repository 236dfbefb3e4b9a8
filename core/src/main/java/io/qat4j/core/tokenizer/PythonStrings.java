package io.qat4j.core.tokenizer;

/**
 * Python's {@code str.strip()}, which Jinja's {@code trim} filter calls. Python counts more
 * characters as whitespace than {@link Character#isWhitespace}: U+0085, the no-break spaces U+00A0,
 * U+2007 and U+202F. Chat templates are Jinja, so their trimming must match Python's.
 */
final class PythonStrings {
    private PythonStrings() {}

    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code str.isspace()} for one character (all such characters are in the BMP). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00A0' || c == '\u2007' || c == '\u202F';
    }
}
