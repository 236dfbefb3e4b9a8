package io.qat4j.guard.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.Yaml;
import io.qat4j.guard.verdict.Finding;

class StyleRulesTest {

    private static List<String> excerpts(Checker checker, String text) {
        return checker.check(text).findings().stream().map(Finding::excerpt).toList();
    }

    @Test
    void exclamationMarksBeyondTheLimit() {
        var none = Yaml.checker("""
                - {id: calm, kind: exclamation-marks, severity: warning, on_fail: fix}
                """);
        assertThat(none.check("Fine. Really?").findings()).isEmpty();
        assertThat(excerpts(none, "Wow!!! Great! Really?!")).containsExactly("!!!", "!", "!");
        assertThat(none.fix("Wow!!! Great! Really?!").text()).isEqualTo("Wow. Great. Really?");
        var one = Yaml.checker("""
                - {id: calm, kind: exclamation-marks, severity: warning, on_fail: warn, max: 1}
                """);
        assertThat(one.check("Welcome!").findings()).isEmpty();
        assertThat(one.check("Welcome! Enjoy!").findings()).singleElement()
                .satisfies(f -> assertThat(f.span().start()).isEqualTo(14));
    }

    @Test
    void allCapsWordsExceptAllowedOnesAndProductNames() {
        var checker = Yaml.checker("""
                - {id: shout, kind: all-caps, severity: warning, on_fail: warn, allow: [API, GDPR]}
                - {id: products, kind: product-names, severity: warning, on_fail: fix, names: [QAT4J Cloud]}
                """);
        assertThat(excerpts(checker, "BUY NOW: the API is GDPR ready on QAT4J Cloud. OK? I/O, A/B, USB-C, ÉTÉ."))
                .containsExactly("BUY", "NOW", "USB-C", "ÉTÉ");
        assertThat(checker.check("Normal Title Case Text and iPhone.").findings()).isEmpty();
    }

    @Test
    void longSentences() {
        var checker = Yaml.checker("""
                - {id: short, kind: sentence-length, severity: info, on_fail: warn, max_words: 5}
                """);
        String text = "This one is short. This one has far too many words in it. Ok.";
        assertThat(excerpts(checker, text)).containsExactly("This one has far too many words in it.");
        assertThat(checker.check(text).findings().getFirst().message()).isEqualTo("sentence of 9 words (at most 5)");
    }

    @Test
    void readabilityBounds() {
        var checker = Yaml.checker("""
                - {id: plain, kind: readability, severity: warning, on_fail: warn, min: 50, min_words: 5}
                - {id: not-childish, kind: readability, severity: info, on_fail: warn, max: 110, min_words: 5}
                """);
        // 24.1 and 116.145 by hand, see ReadabilityTest.
        var dense = checker.check("Readability measures help writers. Short sentences are simpler to understand.");
        assertThat(dense.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("plain");
            assertThat(f.message()).isEqualTo("Flesch reading ease 24.1 is below 50.0: too hard to read");
            assertThat(f.span()).isNull();
        });
        assertThat(checker.check("The cat sat on the mat.").findings()).singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("not-childish"));
        assertThat(checker.check("Our new service makes backups automatic. You choose a schedule, and the system"
                + " covers the rest.").findings()).isEmpty();
        assertThat(checker.check("Incomprehensibility.").findings()).as("too short to score").isEmpty();
    }

    @Test
    void lengthPerChannel() {
        var checker = Yaml.checker("""
                - id: len
                  kind: length
                  severity: warning
                  on_fail: reask
                  channels: {default: {max_words: 6}, email: {min_words: 3, max_words: 4}}
                """);
        String five = "One two three four five.";
        assertThat(checker.check(five).findings()).isEmpty();
        assertThat(checker.check(five, "email").findings()).singleElement().satisfies(
                f -> assertThat(f.message()).isEqualTo("5 words; the 'email' channel allows at most 4"));
        assertThat(checker.check("Hi there.", "email").findings()).singleElement().satisfies(
                f -> assertThat(f.message()).isEqualTo("2 words; the 'email' channel allows at least 3"));
        assertThat(checker.check("one two three four five six seven", "sms").findings()).as("falls back to default")
                .hasSize(1);
    }

    @Test
    void grammaticalPerson() {
        var checker = Yaml.checker("""
                - id: voice
                  kind: person
                  severity: warning
                  on_fail: review
                  forbid: [first-person-singular]
                  require: [second-person]
                """);
        assertThat(checker.check("We help you ship faster; our team is in the US.").findings()).isEmpty();
        var v = checker.check("I think my team and I'm sure we can ship it.");
        assertThat(v.findings()).extracting(Finding::excerpt).containsExactly("I", "my", "I", null);
        assertThat(v.findings().getLast().message()).isEqualTo("never uses the second person");
    }
}
