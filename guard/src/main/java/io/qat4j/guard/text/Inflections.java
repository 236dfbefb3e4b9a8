package io.qat4j.guard.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * English inflections of a term's last word by simple suffix rules, so a rule banning
 * "guarantee" also finds "guarantees", "guaranteed" and "guaranteeing":
 * <ul>
 *   <li>{@link Suffix#S}: +es after s, x, z, ch, sh; consonant+y → ies; otherwise +s
 *       ("boxes", "applies", "claims");
 *   <li>{@link Suffix#ED}: +d after e; consonant+y → ied; otherwise +ed ("guaranteed", "applied");
 *   <li>{@link Suffix#ING}: ie → ying; a silent final e (not ee, ye, oe) is dropped; otherwise
 *       +ing ("dying", "making", "guaranteeing").
 * </ul>
 * A word ending consonant–vowel–consonant also gets the doubled form ("stopped", "shipping"):
 * whether English doubles depends on stress, so both are matched (a form that isn't a word never
 * occurs, so over-generating is harmless). Irregular forms ("sold" for "sell") are not derived:
 * list them as terms. Only words of three or more Latin letters are inflected ("café" → "cafés").
 */
public final class Inflections {
    /** An inflectional suffix. */
    public enum Suffix { S, ED, ING }

    /** One inflected form of a term and the suffix that made it. */
    public record Form(String text, Suffix suffix) {
    }

    private Inflections() {
    }

    /** The inflected forms of {@code term} (not including the term itself), without duplicates. */
    public static List<Form> forms(String term) {
        int split = lastWordStart(term);
        String head = term.substring(0, split);
        String word = term.substring(split);
        if (!inflectable(word)) {
            return List.of();
        }
        var seen = new LinkedHashSet<String>();
        var forms = new ArrayList<Form>();
        for (Suffix suffix : Suffix.values()) {
            for (String w : inflect(word, suffix, true)) {
                if (seen.add(w)) {
                    forms.add(new Form(head + w, suffix));
                }
            }
        }
        return forms;
    }

    /**
     * The main form of {@code phrase}'s last word with {@code suffix}, used to inflect a
     * replacement like the match it replaces ("guaranteed" → "promised"). Returns the phrase
     * unchanged when its last word cannot be inflected.
     */
    public static String apply(String phrase, Suffix suffix) {
        int split = lastWordStart(phrase);
        String word = phrase.substring(split);
        if (!inflectable(word)) {
            return phrase;
        }
        return phrase.substring(0, split) + inflect(word, suffix, false).getFirst();
    }

    private static List<String> inflect(String word, Suffix suffix, boolean allDoublings) {
        String lower = word.toLowerCase(Locale.ROOT);
        int n = lower.length();
        char last = lower.charAt(n - 1);
        boolean consonantY = last == 'y' && !isVowel(lower.charAt(n - 2));
        boolean cvc = n >= 3 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y'
                && isVowel(lower.charAt(n - 2)) && !isVowel(lower.charAt(n - 3));
        // For a replacement, double only one-syllable words ("stop" → "stopped", not "offerred").
        boolean doubleMain = cvc && Syllables.vowelGroups(lower) == 1;
        String doubled = word + word.charAt(n - 1);
        var out = new ArrayList<String>(2);
        switch (suffix) {
            case S -> {
                if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                        || lower.endsWith("sh")) {
                    out.add(word + "es");
                } else if (consonantY) {
                    out.add(word.substring(0, n - 1) + "ies");
                } else {
                    out.add(word + "s");
                }
            }
            case ED -> {
                if (last == 'e') {
                    out.add(word + "d");
                } else if (consonantY) {
                    out.add(word.substring(0, n - 1) + "ied");
                } else {
                    addWithDoubling(out, word + "ed", doubled + "ed", cvc, doubleMain, allDoublings);
                }
            }
            case ING -> {
                if (lower.endsWith("ie")) {
                    out.add(word.substring(0, n - 2) + "ying");
                } else if (last == 'e' && !lower.endsWith("ee") && !lower.endsWith("ye") && !lower.endsWith("oe")) {
                    out.add(word.substring(0, n - 1) + "ing");
                } else {
                    addWithDoubling(out, word + "ing", doubled + "ing", cvc, doubleMain, allDoublings);
                }
            }
        }
        return out;
    }

    private static void addWithDoubling(List<String> out, String plain, String doubled, boolean cvc,
            boolean doubleMain, boolean all) {
        if (doubleMain) {
            out.add(doubled);
            if (all) {
                out.add(plain);
            }
        } else {
            out.add(plain);
            if (all && cvc) {
                out.add(doubled);
            }
        }
    }

    private static int lastWordStart(String phrase) {
        int i = phrase.length();
        while (i > 0 && Character.isLetter(phrase.codePointBefore(i))) {
            i -= Character.charCount(phrase.codePointBefore(i));
        }
        return i;
    }

    private static boolean inflectable(String word) {
        if (word.length() < 3) {
            return false;
        }
        return word.codePoints().allMatch(cp -> Character.isLetter(cp)
                && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}
