package io.qat4j.guard.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.Yaml;
import io.qat4j.guard.verdict.Edit;

class FixTest {

    @Test
    void editsApplyFromTheEndSoSpansStayValid() {
        var r = Edits.apply("aa bb cc", List.of(new Edit(0, 2, "x"), new Edit(6, 8, "zzzz"), new Edit(3, 5, "")));
        assertThat(r.text()).isEqualTo("x  zzzz");
        assertThat(r.applied()).containsExactly(new Edit(0, 2, "x"), new Edit(3, 5, ""), new Edit(6, 8, "zzzz"));
    }

    @Test
    void overlappingEditsKeepTheLaterOneAndInsertionsKeepTheirOrder() {
        var r = Edits.apply("abcdef", List.of(new Edit(1, 4, "X"), new Edit(3, 5, "Y"), new Edit(6, 6, "1"),
                new Edit(6, 6, "2"), new Edit(6, 6, "2")));
        assertThat(r.text()).isEqualTo("abcYf12");
        assertThat(r.applied()).hasSize(3);
        assertThatThrownBy(() -> Edits.apply("ab", List.of(new Edit(1, 3, "x"))))
                .hasMessage("edit [1, 3) is beyond the text's 2 chars");
    }

    @Test
    void fixAppliesOnlyFixRulesAndRechecks() {
        Checker checker = Checker.compile(Guidelines.parse(Guidelines.exampleYaml(), "example"));
        String text = "Our cheap whitelist feature costs $5 per month! Contact qat4j cloud support at help@example.com.";
        var before = checker.check(text);
        assertThat(before.passed()).isFalse();
        var fixed = checker.fix(text);
        assertThat(fixed.text()).isEqualTo("Our affordable allowlist feature costs $5 per month. Contact QAT4J Cloud"
                + " support at [email removed].\n\nPrices exclude VAT and may change; see qat4j.cloud/pricing for current"
                + " terms.");
        assertThat(fixed.verdict().findings()).isEmpty();
        assertThat(fixed.verdict().passed()).isTrue();
        assertThat(fixed.editsApplied()).isEqualTo(6);
        assertThat(fixed.changed()).isTrue();
    }

    @Test
    void findingsThatAreNotFixRulesStay() {
        Checker checker = Yaml.checker("""
                - {id: rivals, kind: competitors, severity: error, on_fail: reask, names: [{term: Globex, use: others}]}
                """);
        var fixed = checker.fix("Unlike Globex, we ship.");
        assertThat(fixed.text()).isEqualTo("Unlike Globex, we ship.");
        assertThat(fixed.verdict().findings()).hasSize(1);
        assertThat(fixed.passes()).isZero();
    }
}
