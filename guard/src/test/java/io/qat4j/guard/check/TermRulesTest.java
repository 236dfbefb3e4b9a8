package io.qat4j.guard.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.Yaml;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Verdict;

class TermRulesTest {
    private static final Checker CHECKER = Yaml.checker("""
            - id: banned
              kind: terminology
              status: banned
              severity: error
              on_fail: fix
              terms:
                - {term: guarantee, use: promise}
                - {term: cheap, use: affordable}
                - {term: US, case_sensitive: true, inflect: false}
                - {term: risk free}
            - id: old-names
              kind: terminology
              status: deprecated
              severity: warning
              on_fail: fix
              terms: [{term: Qat Cloud, use: QAT4J Cloud, inflect: false}]
            - id: products
              kind: product-names
              severity: warning
              on_fail: fix
              names: [QAT4J Cloud]
            - id: rivals
              kind: competitors
              severity: error
              on_fail: reask
              names: [Acme Compute, Globex]
            - id: claims
              kind: forbidden-claims
              severity: error
              on_fail: reask
              phrases: [zero risk]
              patterns: ['\\b100\\s*%\\s*(safe|uptime)\\b']
            """);

    private static List<String> excerpts(Verdict v) {
        return v.findings().stream().map(Finding::excerpt).toList();
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(excerpts(CHECKER.check("A cheapskate is not cheap."))).containsExactly("cheap");
        assertThat(CHECKER.check("Globexia and xGlobex and Globex2 are other firms.").findings()).isEmpty();
        assertThat(excerpts(CHECKER.check("Ask Globex, or Globex's team."))).containsExactly("Globex", "Globex");
    }

    @Test
    void ignoresCaseUnlessTheTermIsCaseSensitive() {
        assertThat(excerpts(CHECKER.check("CHEAP, Cheap and cHeAp."))).containsExactly("CHEAP", "Cheap", "cHeAp");
        assertThat(excerpts(CHECKER.check("Call us in the US."))).containsExactly("US");
    }

    @Test
    void matchesInflectionsButNotOtherWords() {
        var v = CHECKER.check("We guaranteed it, it guarantees it, guaranteeing it; a guarantor is not one.");
        assertThat(excerpts(v)).containsExactly("guaranteed", "guarantees", "guaranteeing");
        assertThat(v.findings()).allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("banned"));
    }

    @Test
    void replacementsFollowTheInflectionAndCasingOfTheMatch() {
        var v = CHECKER.check("Guaranteed results. CHEAP plans. It guarantees.");
        assertThat(v.findings()).extracting(f -> f.edit().replacement()).containsExactly("Promised", "AFFORDABLE", "promises");
        assertThat(v.findings().getFirst().suggestion()).isEqualTo("write 'Promised'");
    }

    @Test
    void multiWordTermsMatchAcrossAnyWhitespace() {
        var v = CHECKER.check("It is risk\n  free with Acme   Compute.");
        assertThat(excerpts(v)).containsExactly("risk\n  free", "Acme   Compute");
        assertThat(v.findings().get(1).message()).isEqualTo("'Acme   Compute' is a competitor's name");
    }

    @Test
    void productNamesMustBeSpelledExactly() {
        assertThat(CHECKER.check("Try QAT4J Cloud today.").findings()).isEmpty();
        var v = CHECKER.check("Try Qat4j cloud or qat4j CLOUD.");
        assertThat(v.findings()).extracting(Finding::excerpt, f -> f.edit().replacement())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Qat4j cloud", "QAT4J Cloud"),
                        org.assertj.core.groups.Tuple.tuple("qat4j CLOUD", "QAT4J Cloud"));
    }

    @Test
    void deprecatedTermsSuggestTheNewName() {
        var v = CHECKER.check("Qat Cloud is now faster.");
        assertThat(v.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("old-names");
            assertThat(f.message()).isEqualTo("'Qat Cloud' is a deprecated term");
            assertThat(f.edit().replacement()).isEqualTo("QAT4J Cloud");
        });
        assertThat(CHECKER.fix("Qat Cloud is now faster.").text()).isEqualTo("QAT4J Cloud is now faster.");
    }

    @Test
    void forbiddenClaimsMatchPhrasesAndPatterns() {
        var v = CHECKER.check("Zero risk and 100 % uptime, 100%safe; but 1000% uptime is not matched.");
        assertThat(excerpts(v)).containsExactly("Zero risk", "100 % uptime", "100%safe");
    }

    @Test
    void spansAreExact() {
        String text = "Not cheap.";
        var f = CHECKER.check(text).findings().getFirst();
        assertThat(f.span().start()).isEqualTo(4);
        assertThat(f.span().end()).isEqualTo(9);
        assertThat(text.substring(f.span().start(), f.span().end())).isEqualTo("cheap");
    }
}
