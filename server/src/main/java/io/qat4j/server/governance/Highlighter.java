package io.qat4j.server.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.qat4j.guard.Severity;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Target;

/**
 * Marks findings in a text as HTML: the text is cut at every span boundary and each piece that
 * findings cover becomes a {@code <mark>} naming them (overlaps included); an empty span (an
 * insertion point) becomes a caret. Spans are Java char indices, used here as they are, so the
 * marks fall exactly where the checker found things, surrogate pairs and all.
 */
final class Highlighter {
    private Highlighter() {
    }

    /**
     * @param findings the verdict's findings; those numbered {@code i} (from 1, in this order) get
     *                 the anchor {@code m<i>} at their first piece
     */
    static String html(String text, List<Finding> findings) {
        var spans = new ArrayList<int[]>(); // {start, end, number}
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.target() == Target.OUTPUT && f.span() != null) {
                int start = Math.min(f.span().start(), text.length());
                int end = Math.min(f.span().end(), text.length());
                spans.add(new int[] {start, end, i + 1});
            }
        }
        var cuts = new TreeSet<Integer>();
        cuts.add(0);
        cuts.add(text.length());
        for (int[] s : spans) {
            cuts.add(s[0]);
            cuts.add(s[1]);
        }
        var sb = new StringBuilder();
        var anchored = new java.util.HashSet<Integer>();
        Integer previous = null;
        for (int cut : cuts) {
            if (previous != null && cut > previous) {
                appendPiece(sb, text, previous, cut, spans, findings, anchored);
            }
            for (int[] s : spans) {
                if (s[0] == cut && s[1] == cut) {
                    sb.append("<span class=\"caret\" id=\"m").append(s[2]).append("\" title=\"")
                            .append(Html.esc(findings.get(s[2] - 1).message())).append("\"></span>");
                    anchored.add(s[2]);
                }
            }
            previous = cut;
        }
        return sb.toString();
    }

    private static void appendPiece(StringBuilder sb, String text, int from, int to, List<int[]> spans,
            List<Finding> findings, java.util.Set<Integer> anchored) {
        var covering = new ArrayList<Integer>();
        for (int[] s : spans) {
            if (s[0] <= from && s[1] >= to && s[0] < s[1]) {
                covering.add(s[2]);
            }
        }
        String piece = Html.esc(text.substring(from, to));
        if (covering.isEmpty()) {
            sb.append(piece);
            return;
        }
        Severity worst = Severity.INFO;
        var titles = new ArrayList<String>();
        for (int n : covering) {
            Finding f = findings.get(n - 1);
            if (f.severity().compareTo(worst) < 0) {
                worst = f.severity();
            }
            titles.add("[" + f.ruleId() + "] " + f.message() + (f.suggestion() == null ? "" : " — " + f.suggestion()));
        }
        Integer first = covering.stream().filter(n -> !anchored.contains(n)).findFirst().orElse(null);
        for (int n : covering) {
            if (!anchored.contains(n) && !Integer.valueOf(n).equals(first)) {
                sb.append("<span id=\"m").append(n).append("\"></span>"); // more findings start here
            }
        }
        sb.append("<mark class=\"sev-").append(worst.label()).append("\" data-findings=\"")
                .append(String.join(" ", covering.stream().map(String::valueOf).toList())).append('"');
        if (first != null) {
            sb.append(" id=\"m").append(first).append('"');
        }
        anchored.addAll(covering);
        sb.append(" title=\"").append(Html.esc(String.join("\n", titles))).append("\">").append(piece).append("</mark>");
    }
}
