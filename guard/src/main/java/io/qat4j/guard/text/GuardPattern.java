package io.qat4j.guard.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's regular expression, compiled once: case-insensitive (Unicode) unless it says
 * {@code (?-i)}, with a cheap pre-check. Most rule patterns need some literal text
 * ({@code \b100\s*%} needs "100"); when the pattern has such a literal and the case-folded text
 * does not contain it, the pattern cannot match and is not run. Scanning a long text with a
 * pattern costs tens of microseconds; the containment test, a few.
 */
public final class GuardPattern {
    private final Pattern pattern;
    private final String foldedLiteral;

    private GuardPattern(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String literal = requiredLiteral(regex);
        this.foldedLiteral = literal == null ? null : fold(literal);
    }

    public static GuardPattern compile(String regex) {
        return new GuardPattern(regex);
    }

    public Pattern pattern() {
        return pattern;
    }

    /** A matcher over {@code text}, or null when the pre-check proves there is no match. */
    public Matcher matcherIfPossible(String text, String foldedText) {
        if (foldedLiteral != null && !foldedText.contains(foldedLiteral)) {
            return null;
        }
        return pattern.matcher(text);
    }

    /** Receives a non-empty match at [start, end). */
    @FunctionalInterface
    public interface MatchSink {
        void match(int start, int end);
    }

    /**
     * Passes every non-empty match in {@code text} to {@code sink}. With {@code foldedText} (the
     * text through {@link #fold}) the pre-check runs first; null skips it.
     */
    public void forEachMatch(String text, String foldedText, MatchSink sink) {
        Matcher m = foldedText == null ? pattern.matcher(text) : matcherIfPossible(text, foldedText);
        while (m != null && m.find()) {
            if (m.end() > m.start()) {
                sink.match(m.start(), m.end());
            }
        }
    }

    /**
     * Case folding as the pattern's case-insensitive matching sees it: two characters match when
     * their upper cases or their lower cases are equal, so lower(upper(c)) identifies them.
     */
    public static String fold(String s) {
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /**
     * The longest run of literal characters (at least two) that every match must contain, or
     * null. Conservative: only characters outside groups and classes, in a pattern without
     * top-level alternation or inline flags, count; a character with a quantifier that allows zero
     * repetitions is dropped and ends the run.
     */
    static String requiredLiteral(String regex) {
        if (regex.contains("(?") || regex.contains("\\Q")) {
            return null;
        }
        String best = null;
        var run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(++i);
                if (depth == 0 && !Character.isLetterOrDigit(e)) {
                    run.append(e);
                    continue;
                }
                if (e == 'p' || e == 'P') {
                    int close = regex.indexOf('}', i);
                    i = close < 0 ? i : close;
                }
                best = longer(best, run);
                continue;
            }
            switch (c) {
                case '[' -> {
                    i = classEnd(regex, i);
                    best = longer(best, run);
                }
                case '(' -> {
                    depth++;
                    best = longer(best, run);
                }
                case ')' -> {
                    depth--;
                    best = longer(best, run);
                }
                case '|' -> {
                    if (depth == 0) {
                        return null;
                    }
                }
                case '?', '*', '{' -> {
                    if (!run.isEmpty()) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        i = close < 0 ? i : close;
                    }
                }
                case '+' -> best = longer(best, run);
                case '.', '^', '$' -> best = longer(best, run);
                default -> {
                    if (depth == 0) {
                        run.append(c);
                    }
                }
            }
        }
        best = longer(best, run);
        return best;
    }

    /** Keeps the longer of {@code best} and the run (if at least two chars) and clears the run. */
    private static String longer(String best, StringBuilder run) {
        String candidate = run.length() >= 2 ? run.toString() : null;
        run.setLength(0);
        if (candidate == null) {
            return best;
        }
        return best == null || candidate.length() > best.length() ? candidate : best;
    }

    /** The index of the ']' closing the class opened at {@code open}. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        int nested = 0;
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                nested++;
            } else if (c == ']') {
                if (nested == 0) {
                    return i;
                }
                nested--;
            }
        }
        return regex.length() - 1;
    }
}
