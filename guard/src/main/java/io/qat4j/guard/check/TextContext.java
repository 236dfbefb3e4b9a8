package io.qat4j.guard.check;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.qat4j.guard.pii.PiiMatch;
import io.qat4j.guard.pii.PiiScanner;
import io.qat4j.guard.rule.PiiType;
import io.qat4j.guard.text.NormalizedText;
import io.qat4j.guard.text.TextStats;

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

    static String collapse(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").strip();
    }

    List<PiiMatch> personalData(Set<PiiType> types, List<String> regions) {
        String key = types + "|" + regions;
        return piiCache.computeIfAbsent(key, k -> pii.scan(text, types, regions));
    }
}
