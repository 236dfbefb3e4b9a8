package io.qat4j.cli;

import java.io.PrintStream;

import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;
import io.qat4j.guard.verdict.Verdict;

/** A verdict for people: one line per finding ({@code SOURCE:LINE:COLUMN: SEVERITY [RULE] message}), then the score. */
final class VerdictReport {
    private VerdictReport() {
    }

    static void print(PrintStream out, String source, String text, Verdict verdict) {
        for (Finding f : verdict.findings()) {
            out.println(describe(source, text, f));
        }
        out.println(summary(verdict));
    }

    static String summary(Verdict v) {
        return "score %d/100 (gate %d, threshold %d): %s".formatted(v.score(), v.gateScore(), v.threshold(),
                v.blocked() ? "BLOCKED" : v.passed() ? "PASS" : "FAIL");
    }

    static String describe(String source, String text, Finding f) {
        var sb = new StringBuilder(f.target() == Target.OUTPUT ? source : f.target().label());
        if (f.span() != null && f.target() == Target.OUTPUT && text != null) {
            sb.append(':').append(position(text, f.span().start()));
        }
        sb.append(": ").append(f.severity().label()).append(" [").append(f.ruleId()).append("] ").append(f.message());
        if (f.suggestion() != null) {
            sb.append(" (").append(f.suggestion()).append(')');
        }
        return sb.toString();
    }

    /** "LINE:COLUMN", both from 1, the column in code points. */
    static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (text.codePointCount(lineStart, index) + 1);
    }
}
