package io.qat4j.guard.check;

/** Gives a replacement the capitalisation of the text it replaces. */
final class Casing {
    private Casing() {
    }

    /**
     * All capitals when {@code matched} is (two or more letters, none lower case); a capital
     * first letter when {@code matched} starts with one and the replacement starts lower case;
     * otherwise the replacement as written.
     */
    static String adapt(String replacement, String matched) {
        int letters = 0;
        boolean lower = false;
        for (int i = 0; i < matched.length(); i++) {
            char c = matched.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                lower |= Character.isLowerCase(c);
            }
        }
        if (letters >= 2 && !lower) {
            return replacement.toUpperCase(java.util.Locale.ROOT);
        }
        if (!matched.isEmpty() && Character.isUpperCase(matched.codePointAt(0)) && !replacement.isEmpty()
                && Character.isLowerCase(replacement.codePointAt(0))) {
            int first = replacement.codePointAt(0);
            return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                    .append(replacement, Character.charCount(first), replacement.length()).toString();
        }
        return replacement;
    }

    /**
     * Whether {@code found} is spelled exactly as {@code canonical}, letting any whitespace run
     * stand for any other (the matcher already treats them alike).
     */
    static boolean sameSpelling(String found, String canonical) {
        return collapse(found).equals(collapse(canonical));
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("[\\s\\u00A0\\u2007\\u202F\\u2581]+", " ");
    }
}
