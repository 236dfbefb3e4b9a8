package io.qat4j.guard.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The words and sentences of a text, with their spans (Java char indices), computed once and
 * shared by the style rules.
 *
 * <p>A word is a run of {@linkplain WordChars word characters}, joined across a single apostrophe
 * or hyphen between word characters ("don't", "risk-free" are one word each). A sentence ends
 * after a run of '.', '!', '?' or '…' (with any closing quotes or brackets) that is followed by
 * whitespace and then not by a lower-case letter (so "e.g. this" does not end one), at a blank
 * line, and before a line that starts a list item or heading ("- ", "* ", "• ", "# ", "1. ").
 */
public final class TextStats {
    /** A word at [start, end). */
    public record Word(int start, int end) {
    }

    /** A sentence at [start, end) holding words [firstWord, firstWord + wordCount). */
    public record Sentence(int start, int end, int firstWord, int wordCount) {
    }

    private final String text;
    private final List<Word> words;
    private final List<Sentence> sentences;
    private int syllables = -1;

    private TextStats(String text) {
        this.text = text;
        this.words = findWords(text);
        this.sentences = findSentences(text, words);
    }

    public static TextStats of(String text) {
        return new TextStats(text);
    }

    public List<Word> words() {
        return words;
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    public String wordText(Word w) {
        return text.substring(w.start(), w.end());
    }

    public int syllables() {
        if (syllables < 0) {
            int total = 0;
            for (Word w : words) {
                total += Syllables.count(wordText(w));
            }
            syllables = total;
        }
        return syllables;
    }

    /** Flesch reading ease of the whole text; NaN when it has no words. */
    public double readingEase() {
        if (words.isEmpty()) {
            return Double.NaN;
        }
        return ReadingEase.flesch(words.size(), Math.max(1, sentences.size()), syllables());
    }

    private static List<Word> findWords(String text) {
        var list = new ArrayList<Word>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!WordChars.wordCharAt(text, i)) {
                i += Character.charCount(text.codePointAt(i));
                continue;
            }
            int start = i;
            while (i < n) {
                int cp = text.codePointAt(i);
                if (WordChars.isWordChar(cp)) {
                    i += Character.charCount(cp);
                } else if (isJoiner(cp) && WordChars.wordCharBefore(text, i) && WordChars.wordCharAt(text, i + 1)) {
                    i++;
                } else {
                    break;
                }
            }
            list.add(new Word(start, i));
        }
        return Collections.unmodifiableList(list);
    }

    private static boolean isJoiner(int cp) {
        return cp == '\'' || cp == '’' || cp == '-' || cp == '‑';
    }

    private static List<Sentence> findSentences(String text, List<Word> words) {
        var list = new ArrayList<Sentence>();
        int n = text.length();
        int sentenceStart = -1;
        int firstWord = 0;
        int w = 0;
        int i = 0;
        while (i < n) {
            // Advance over words that start before i.
            while (w < words.size() && words.get(w).start() < i) {
                w++;
            }
            int end = sentenceEndAt(text, i);
            if (end > 0) {
                if (sentenceStart >= 0 && w > firstWord) {
                    list.add(new Sentence(sentenceStart, trimEnd(text, end), firstWord, w - firstWord));
                }
                sentenceStart = -1;
                firstWord = w;
                i = end;
                continue;
            }
            if (sentenceStart < 0 && !Character.isWhitespace(text.charAt(i))) {
                sentenceStart = i;
                firstWord = w;
            }
            i++;
        }
        if (sentenceStart >= 0 && words.size() > firstWord) {
            list.add(new Sentence(sentenceStart, trimEnd(text, n), firstWord, words.size() - firstWord));
        }
        return Collections.unmodifiableList(list);
    }

    /** If a sentence ends at i, the index just past its terminator; otherwise -1. */
    private static int sentenceEndAt(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '\n') {
            int j = i + 1;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
                j++;
            }
            if (j >= n || text.charAt(j) == '\n' || startsListItem(text, j)) {
                return j;
            }
            return -1;
        }
        if (c != '.' && c != '!' && c != '?' && c != '…') {
            return -1;
        }
        int j = i;
        while (j < n && ".!?…".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        while (j < n && "\"'”’)]»".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        if (j >= n) {
            return j;
        }
        if (!Character.isWhitespace(text.charAt(j))) {
            return -1;
        }
        int k = j;
        while (k < n && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        if (k < n && Character.isLowerCase(text.codePointAt(k))) {
            return -1;
        }
        return j;
    }

    private static boolean startsListItem(String text, int j) {
        char c = text.charAt(j);
        if ((c == '-' || c == '*' || c == '•' || c == '#') && j + 1 < text.length() && text.charAt(j + 1) == ' ') {
            return true;
        }
        int k = j;
        while (k < text.length() && Character.isDigit(text.charAt(k))) {
            k++;
        }
        return k > j && k + 1 < text.length() && (text.charAt(k) == '.' || text.charAt(k) == ')')
                && text.charAt(k + 1) == ' ';
    }

    private static int trimEnd(String text, int end) {
        int e = end;
        while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
