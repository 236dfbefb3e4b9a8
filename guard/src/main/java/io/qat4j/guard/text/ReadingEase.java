package io.qat4j.guard.text;

/**
 * Flesch reading ease: {@code 206.835 − 1.015 · words/sentences − 84.6 · syllables/words}.
 * About 90–100 is very easy, 60–70 plain English, below 30 very difficult. Syllables come from
 * the {@link Syllables} heuristic.
 */
public final class ReadingEase {
    private ReadingEase() {
    }

    public static double flesch(int words, int sentences, int syllables) {
        if (words == 0 || sentences == 0) {
            throw new IllegalArgumentException("reading ease needs at least one word and one sentence");
        }
        return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words;
    }
}
