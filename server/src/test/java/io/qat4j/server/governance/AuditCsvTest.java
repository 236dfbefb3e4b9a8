package io.qat4j.server.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void fieldsAreQuotedOnlyWhenNeededAndFormulasAreDefused() {
        assertThat(AuditCsv.field("plain")).isEqualTo("plain");
        assertThat(AuditCsv.field(null)).isEmpty();
        assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.field("-1")).isEqualTo("\"'-1\"");
    }

    @Test
    void onlyGuidelinesThatMayChangeAnAnswerHoldStreams() {
        var warnOnly = HighlighterTest.checker("""
                - id: calm
                  kind: exclamation-marks
                  severity: warning
                  on_fail: warn
                  max: 0
                - id: review-me
                  kind: person
                  severity: warning
                  on_fail: review
                  forbid: [first-person-singular]
                """).guidelines();
        assertThat(new ActiveGuideline("a", warnOnly, null).mayChangeOutput()).isFalse();
        assertThat(new ActiveGuideline("b", HighlighterTest.CHECKER.guidelines(), null).mayChangeOutput()).isTrue();
    }
}
