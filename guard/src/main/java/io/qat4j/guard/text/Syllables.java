package io.qat4j.guard.text;

import java.util.Locale;

/**
 * Counts English syllables with a heuristic (there is no dictionary): count the groups of vowels
 * (a, e, i, o, u and a non-initial y) after removing endings that are usually silent:
 * <ol>
 *   <li>words of at most three letters have one syllable; a word without letters (a number) one;
 *   <li>a final "es" is silent unless it follows c, g, s, x, z, ch or sh ("makes" but "changes");
 *   <li>a final "ed" is silent unless it follows t or d ("jumped" but "wanted");
 *   <li>a final "e" is silent, except in "ee" and in "le" after a consonant ("make" but "table");
 *   <li>at least one syllable.
 * </ol>
 * It is right for most common words and wrong for some ("create": 2, "area": 2, "easier": 2),
 * which is why readability is a bound, not an exact value.
 */
public final class Syllables {
    private Syllables() {
    }

    public static int count(String word) {
        var sb = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            if (Character.isLetter(c)) {
                sb.append(c);
            }
        }
        String w = sb.toString().toLowerCase(Locale.ROOT);
        if (w.length() <= 3) {
            return 1;
        }
        return Math.max(1, vowelGroups(dropSilentEnding(w)));
    }

    /** Runs of vowels (a, e, i, o, u, accented ones, and y except first) in lower-case letters. */
    static int vowelGroups(String lower) {
        int groups = 0;
        boolean inVowel = false;
        for (int i = 0; i < lower.length(); i++) {
            boolean v = isVowel(lower.charAt(i)) || lower.charAt(i) == 'y' && i > 0;
            if (v && !inVowel) {
                groups++;
            }
            inVowel = v;
        }
        return groups;
    }

    private static String dropSilentEnding(String w) {
        int n = w.length();
        if (w.endsWith("es")) {
            char before = w.charAt(n - 3);
            boolean sibilant = "cgsxz".indexOf(before) >= 0 || w.endsWith("ches") || w.endsWith("shes");
            return sibilant ? w : w.substring(0, n - 2);
        }
        if (w.endsWith("ed")) {
            char before = w.charAt(n - 3);
            return before == 't' || before == 'd' ? w : w.substring(0, n - 2);
        }
        if (w.endsWith("e") && !w.endsWith("ee")) {
            boolean consonantLe = w.endsWith("le") && !isVowel(w.charAt(n - 3));
            return consonantLe ? w : w.substring(0, n - 1);
        }
        return w;
    }

    private static boolean isVowel(char c) {
        return "aeiouàáâäèéêëìíîïòóôöùúûü".indexOf(c) >= 0;
    }
}
