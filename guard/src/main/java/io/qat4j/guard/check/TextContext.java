package io.qat4j.guard.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qat4j.guard.pii.PiiMatch;
import io.qat4j.guard.pii.PiiScanner;
import io.qat4j.guard.rule.PiiType;
import io.qat4j.guard.text.GuardPattern;
import io.qat4j.guard.text.NormalizedText;
import io.qat4j.guard.text.TextStats;
import io.qat4j.guard.text.WordChars;

/**
 * One text being checked, with what several checks share computed once, on first use: the
 * normalized stream and its phrase hits, words and sentences, the collapsed lower-case text, and
 * personal data per configuration.
 */
final class TextContext {
    private final String text;
    private final String channel;
    private final PhraseIndex phrases;
    private final PiiScanner pii;
    private List<List<PhraseIndex.Hit>> hits;
    private TextStats stats;
    private String collapsed;
    private String folded;
    private final Map<String, List<PiiMatch>> piiCache = new HashMap<>();

    TextContext(String text, String channel, PhraseIndex phrases, PiiScanner pii) {
        this.text = text;
        this.channel = channel;
        this.phrases = phrases;
        this.pii = pii;
    }

    String text() {
        return text;
    }

    String channel() {
        return channel;
    }

    List<PhraseIndex.Hit> hits(int owner) {
        if (hits == null) {
            hits = phrases.scan(NormalizedText.of(text));
        }
        return hits.get(owner);
    }

    TextStats stats() {
        if (stats == null) {
            stats = TextStats.of(text);
        }
        return stats;
    }

    /** The text lower-cased with whitespace runs as single spaces, for containment checks. */
    String collapsed() {
        if (collapsed == null) {
            collapsed = collapse(text);
        }
        return collapsed;
    }

    /** Lower case, whitespace runs (as {@link WordChars#isSpace} sees them) as one space, stripped. */
    /** The text case-folded as case-insensitive patterns see it, for their pre-check. */
    String folded() {
        if (folded == null) {
            folded = GuardPattern.fold(text);
        }
        return folded;
    }

    static String collapse(String s) {
        var sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (WordChars.isSpace(cp)) {
                space = !sb.isEmpty();
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(Character.toLowerCase(cp));
        }
        return sb.toString();
    }

    List<PiiMatch> personalData(Set<PiiType> types, List<String> regions) {
        String key = types + "|" + regions;
        return piiCache.computeIfAbsent(key, k -> pii.scan(text, types, regions));
    }
}
