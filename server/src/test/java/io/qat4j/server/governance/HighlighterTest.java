package io.qat4j.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.verdict.Finding;

class HighlighterTest {
    static Checker checker(String rules) {
        return Checker.compile(Guidelines.parse("name: t\nversion: \"1\"\nrules:\n" + rules.stripIndent().lines()
                .map(l -> "  " + l + "\n").reduce("", String::concat), "t.yaml"));
    }

    static final Checker CHECKER = checker("""
            - id: claims
              kind: forbidden-claims
              severity: error
              on_fail: review
              phrases: [guaranteed]
            - id: strong-claims
              kind: forbidden-claims
              severity: warning
              on_fail: review
              phrases: [fully guaranteed]
            - id: calm
              kind: exclamation-marks
              severity: warning
              on_fail: fix
              max: 0
            """);

    @Test
    void marksFallOnTheCheckersSpansAfterSurrogatePairsAndEscapes() {
        String text = "🚀🚀 <b>&</b> is guaranteed!";
        List<Finding> findings = CHECKER.check(text).findings();
        assertThat(findings).hasSize(2);
        assertThat(Highlighter.html(text, findings)).isEqualTo("🚀🚀 &lt;b&gt;&amp;&lt;/b&gt; is "
                + "<mark class=\"sev-error\" data-findings=\"1\" id=\"m1\" title=\"[claims] &#39;guaranteed&#39; is a forbidden claim — rephrase without it\">"
                + "guaranteed</mark><mark class=\"sev-warning\" data-findings=\"2\" id=\"m2\" title=\"[calm] exclamation mark"
                + " — state it calmly\">!</mark>");
    }

    @Test
    void overlappingFindingsAreCutIntoPiecesThatNameEveryFinding() {
        String text = "It is fully guaranteed.";
        List<Finding> findings = CHECKER.check(text).findings();
        assertThat(findings).extracting(f -> f.ruleId() + " " + f.span().start() + "-" + f.span().end())
                .containsExactly("strong-claims 6-22", "claims 12-22");
        String html = Highlighter.html(text, findings);
        assertThat(html.replaceAll("<[^>]+>", "")).isEqualTo(text);
        assertThat(html).contains("<mark class=\"sev-warning\" data-findings=\"1\" id=\"m1\"")
                .contains(">fully </mark>")
                .contains("<mark class=\"sev-error\" data-findings=\"1 2\" id=\"m2\"")
                .contains(">guaranteed</mark>");
        assertThat(html).contains("id=\"m1\"", "id=\"m2\"");
    }

    @Test
    void aTextWithoutFindingsIsOnlyEscaped() {
        assertThat(Highlighter.html("a < b", List.of())).isEqualTo("a &lt; b");
        assertThat(Highlighter.html("", List.of())).isEmpty();
    }
}
