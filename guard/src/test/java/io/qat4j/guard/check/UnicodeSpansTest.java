package io.qat4j.guard.check;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

import io.qat4j.guard.Yaml;
import io.qat4j.guard.verdict.Finding;

/** Spans are Java char indices into the original text, and never cut a surrogate pair. */
class UnicodeSpansTest {
    private static final Checker CHECKER = Yaml.checker("""
            - id: banned
              kind: terminology
              status: banned
              severity: error
              on_fail: fix
              terms: [{term: café, use: coffee shop}, {term: cheap, use: affordable}, {term: 禁止}]
            - {id: pii, kind: personal-data, severity: error, on_fail: fix, types: [email]}
            - {id: calm, kind: exclamation-marks, severity: warning, on_fail: fix}
            """);

    @Test
    void spansCountEmojiAsTwoChars() {
        String text = "🙂🙂 cheap! Mail é@example.com 👍";
        var findings = CHECKER.check(text).findings();
        assertThat(findings).extracting(f -> text.substring(f.span().start(), f.span().end()))
                .containsExactly("cheap", "!", "é@example.com");
        assertThat(findings.getFirst().span().start()).isEqualTo(5);
        assertThat(CHECKER.fix(text).text()).isEqualTo("🙂🙂 affordable. Mail [email redacted] 👍");
    }

    @Test
    void accentsAndCaseFoldOutsideAscii() {
        assertThat(CHECKER.check("Le CAFÉ est ouvert, un cafés aussi.").findings()).extracting(Finding::excerpt)
                .containsExactly("CAFÉ", "cafés");
        assertThat(CHECKER.check("Le café\u0301 n'est pas le mot.").findings()).as("a combining accent extends the word")
                .isEmpty();
        assertThat(CHECKER.fix("CAFÉ").text()).isEqualTo("COFFEE SHOP");
    }

    @Test
    void cjkTermsMatchWhenSetOffByPunctuationOrSpace() {
        // CJK characters are letters: a term inside a run of them is not a whole word (a known limit of
        // whole-word matching for scripts written without spaces).
        String text = "注意：禁止。这是禁止的";
        assertThat(CHECKER.check(text).findings()).singleElement().satisfies(f -> {
            assertThat(f.span().start()).isEqualTo(3);
            assertThat(f.span().end()).isEqualTo(5);
        });
    }

    @Property(tries = 300)
    void spansAlwaysFallOnCodePointBoundaries(@ForAll @StringLength(max = 40) @Chars({'a', 'c', 'h', 'e', 'p', ' ', '!',
        '@', '.', 'x', '\uD83D', '\uDE42', 'é', 'E', 'P'}) String raw) {
        String text = raw + " cheap 🙂!";
        for (Finding f : CHECKER.check(text).findings()) {
            int s = f.span().start();
            int e = f.span().end();
            assertThat(s).isBetween(0, text.length());
            assertThat(e).isBetween(s, text.length());
            assertThat(s == 0 || !(Character.isLowSurrogate(text.charAt(s)) && Character.isHighSurrogate(text.charAt(s - 1))))
                    .as("start %d of %s", s, f).isTrue();
            assertThat(e == text.length() || !(Character.isLowSurrogate(text.charAt(e)) && Character.isHighSurrogate(text.charAt(e - 1))))
                    .as("end %d of %s", e, f).isTrue();
        }
    }
}
