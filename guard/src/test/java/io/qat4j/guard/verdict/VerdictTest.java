package io.qat4j.guard.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.Level;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.Severity;
import io.qat4j.guard.Yaml;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.rule.RuleKind;

class VerdictTest {
    private static final Guidelines G = Yaml.parse("""
            - {id: r, kind: exclamation-marks, severity: warning, on_fail: warn}
            """);

    private static Finding finding(Severity severity, Level level, OnFail onFail) {
        return new Finding("r", RuleKind.EXCLAMATION_MARKS, severity, level, onFail, Target.OUTPUT, new Span(0, 1), "!",
                "m", null, null);
    }

    @Test
    void scoreIsOneHundredMinusTheWeights() {
        var findings = new ArrayList<Finding>();
        findings.add(finding(Severity.ERROR, Level.REQUIRED, OnFail.WARN));
        findings.add(finding(Severity.WARNING, Level.REQUIRED, OnFail.WARN));
        findings.add(finding(Severity.INFO, Level.REQUIRED, OnFail.WARN));
        var v = Verdict.of(G, findings);
        // 100 − 20 − 5 − 0
        assertThat(v.score()).isEqualTo(75);
        assertThat(v.gateScore()).isEqualTo(75);
        assertThat(v.passed()).as("a required error fails whatever the score").isFalse();
        for (int i = 0; i < 10; i++) {
            findings.add(finding(Severity.ERROR, Level.REQUIRED, OnFail.WARN));
        }
        assertThat(Verdict.of(G, findings).score()).isZero();
    }

    @Test
    void warningsPassUntilTheThreshold() {
        var four = List.of(finding(Severity.WARNING, Level.REQUIRED, OnFail.WARN), finding(Severity.WARNING, Level.REQUIRED,
                OnFail.WARN), finding(Severity.WARNING, Level.REQUIRED, OnFail.WARN), finding(Severity.WARNING,
                Level.REQUIRED, OnFail.WARN));
        assertThat(Verdict.of(G, four).gateScore()).isEqualTo(80);
        assertThat(Verdict.of(G, four).passed()).isTrue();
        var five = new ArrayList<>(four);
        five.add(finding(Severity.WARNING, Level.REQUIRED, OnFail.WARN));
        assertThat(Verdict.of(G, five).gateScore()).isEqualTo(75);
        assertThat(Verdict.of(G, five).passed()).isFalse();
    }

    @Test
    void recommendedRulesLowerTheScoreButNotTheGate() {
        var findings = List.of(finding(Severity.ERROR, Level.RECOMMENDED, OnFail.REVIEW),
                finding(Severity.ERROR, Level.RECOMMENDED, OnFail.WARN), finding(Severity.WARNING, Level.REQUIRED, OnFail.FIX));
        var v = Verdict.of(G, findings);
        assertThat(v.score()).isEqualTo(55);
        assertThat(v.gateScore()).isEqualTo(95);
        assertThat(v.passed()).isTrue();
        assertThat(v.action()).isEqualTo(OnFail.REVIEW);
        assertThat(v.blocked()).isFalse();
    }

    @Test
    void actionIsTheMostEscalatedAndBlockIsBlocked() {
        var v = Verdict.of(G, List.of(finding(Severity.INFO, Level.REQUIRED, OnFail.FIX),
                finding(Severity.INFO, Level.REQUIRED, OnFail.BLOCK), finding(Severity.INFO, Level.REQUIRED, OnFail.REASK)));
        assertThat(v.action()).isEqualTo(OnFail.BLOCK);
        assertThat(v.blocked()).isTrue();
        assertThat(Verdict.of(G, List.of()).action()).isNull();
        assertThat(Verdict.of(G, List.of()).score()).isEqualTo(100);
    }

    @Test
    void customWeightsAndThreshold() {
        var g = Guidelines.parse("""
                name: strict
                version: 2
                scoring: {threshold: 95, error_weight: 50, warning_weight: 10, info_weight: 1}
                rules: []
                """, "strict.yaml");
        var v = Verdict.of(g, List.of(finding(Severity.WARNING, Level.REQUIRED, OnFail.WARN),
                finding(Severity.INFO, Level.REQUIRED, OnFail.WARN)));
        assertThat(v.score()).isEqualTo(89);
        assertThat(v.passed()).isFalse();
        assertThat(v.guideline()).isEqualTo("strict");
        assertThat(v.guidelineVersion()).isEqualTo("2");
        assertThat(v.threshold()).isEqualTo(95);
    }

    @Test
    void jsonRoundTripsWithSnakeCaseAndLabels() throws Exception {
        Checker checker = Checker.compile(Guidelines.parse(Guidelines.exampleYaml(), "example"));
        var v = checker.check("Our cheap plan is guaranteed!! Mail ann@example.com.");
        String json = v.toJson();
        assertThat(Verdict.fromJson(json)).isEqualTo(v);
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("guideline_version").asText()).isEqualTo("1.0.0");
        assertThat(tree.has("gate_score")).isTrue();
        var first = tree.get("findings").get(0);
        assertThat(first.get("rule_id").asText()).isEqualTo("banned-terms");
        assertThat(first.get("kind").asText()).isEqualTo("terminology");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("on_fail").asText()).isEqualTo("fix");
        assertThat(first.get("target").asText()).isEqualTo("output");
        assertThat(first.get("span").get("start").asInt()).isEqualTo(4);
        assertThat(first.get("span").get("end").asInt()).isEqualTo(9);
        assertThat(first.get("edit").get("replacement").asText()).isEqualTo("affordable");
        assertThat(Verdict.fromJson(v.toPrettyJson())).isEqualTo(v);
    }
}
