package io.qat4j.eval.report;

import java.util.List;

import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Findings;
import io.qat4j.eval.MarkdownTable;

/** report.md: the same story as the HTML page, for a pull request or a README. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String of(EvalResult r, List<Figure> evaluation, List<Figure> training) {
        var sb = new StringBuilder("# qat4j evaluation\n\n").append(MarkdownTable.caption(r)).append("\n\n");
        sb.append("## What the numbers say\n\n");
        for (String f : Findings.of(r)) {
            sb.append("- ").append(f).append('\n');
        }
        sb.append("\n## All models\n\n").append(MarkdownTable.of(r)).append('\n');
        sb.append("## Plots\n\n");
        for (Figure f : evaluation) {
            image(sb, f);
        }
        for (Figure f : training) {
            image(sb, f);
        }
        sb.append("## How these numbers were measured\n\n");
        for (String m : ReportText.method(r)) {
            sb.append("- ").append(m).append('\n');
        }
        return sb.toString();
    }

    private static void image(StringBuilder sb, Figure f) {
        sb.append("### ").append(f.title()).append("\n\n![").append(f.title()).append("](").append(f.file()).append(")\n\n")
                .append(f.howToRead()).append("\n\n");
    }
}
