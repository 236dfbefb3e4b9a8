package io.qat4j.eval.report;

import java.util.EnumSet;
import java.util.List;

import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Findings;
import io.qat4j.eval.Formats;
import io.qat4j.eval.MarkdownTable;
import io.qat4j.eval.ModelResult;
import io.qat4j.eval.ModelRole;

/**
 * The report page: findings in words, the table, the plots with a line each on how to read them, and
 * how the numbers were measured. Self-contained: inline CSS, images are PNG files beside it, no
 * script, nothing fetched from the network.
 */
final class HtmlReport {
    private HtmlReport() {}

    static String of(EvalResult r, List<Figure> evaluation, List<Figure> training) {
        var h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>qat4j evaluation</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>qat4j evaluation</h1>\n<p class=\"sub\">").append(esc(MarkdownTable.caption(r)))
                .append("</p></header>\n");
        h.append("<section class=\"findings\"><h2>What the numbers say</h2>\n<ul>\n");
        for (String f : Findings.of(r)) {
            h.append("<li>").append(esc(f)).append("</li>\n");
        }
        h.append("</ul></section>\n");
        if (!evaluation.isEmpty()) {
            var head = evaluation.getFirst();
            h.append("<section class=\"hero\">");
            figure(h, head);
            h.append("</section>\n");
        }
        table(h, r);
        key(h, r);
        if (evaluation.size() > 1) {
            h.append("<h2>Against the float model and the reference</h2>\n<section class=\"grid\">\n");
            for (Figure f : evaluation.subList(1, evaluation.size())) {
                figure(h, f);
            }
            h.append("</section>\n");
        }
        if (!training.isEmpty()) {
            h.append("<h2>Training runs</h2>\n<section class=\"grid\">\n");
            for (Figure f : training) {
                figure(h, f);
            }
            h.append("</section>\n");
        }
        h.append("<h2>How these numbers were measured</h2>\n<ul class=\"method\">\n");
        for (String m : ReportText.method(r)) {
            h.append("<li>").append(esc(m)).append("</li>\n");
        }
        h.append("</ul>\n<footer>Made by <code>qat4j eval</code>. Raw figures: <a href=\"report.json\">report.json</a>,"
                + " <a href=\"report.md\">report.md</a>.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, Figure f) {
        h.append("<figure><h3>").append(esc(f.title())).append("</h3><img src=\"").append(esc(f.file()))
                .append("\" alt=\"").append(esc(f.title())).append("\" width=\"").append(f.chart().getWidth())
                .append("\" height=\"").append(f.chart().getHeight()).append("\"><figcaption>").append(esc(f.howToRead()))
                .append("</figcaption></figure>\n");
    }

    private static void table(StringBuilder h, EvalResult r) {
        h.append("<h2>All models</h2>\n<table>\n<thead><tr>");
        for (String c : new String[] {"model", "weights", "file size", "bits/byte", "ppl/token", "KL vs ref",
            "top-1 agree", "RTN gap recovered", "prefill tok/s", "decode tok/s"}) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        double best = r.models().stream().mapToDouble(ModelResult::bitsPerByte).min().orElse(0);
        for (ModelResult m : r.models()) {
            h.append("<tr><td class=\"name\"><span class=\"dot\" style=\"background:").append(RolePalette.css(m.role()))
                    .append("\"></span>").append(esc(m.label())).append(" <span class=\"role\">").append(m.role().id())
                    .append("</span></td>");
            cell(h, Formats.weights(m));
            cell(h, Formats.size(m.fileBytes()));
            h.append(m.bitsPerByte() == best ? "<td class=\"best\">" : "<td>").append(Formats.bpb(m.bitsPerByte()))
                    .append("</td>");
            cell(h, Formats.perplexity(m.perplexity()));
            cell(h, Formats.kl(m.klVsReference()));
            cell(h, Formats.percent(m.top1Agreement()));
            cell(h, Formats.percentWhole(m.rtnGapRecovered()));
            cell(h, Formats.rate(m.prefillTps()));
            cell(h, Formats.rate(m.decodeTps()));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void key(StringBuilder h, EvalResult r) {
        var roles = EnumSet.noneOf(ModelRole.class);
        r.models().forEach(m -> roles.add(m.role()));
        h.append("<p class=\"key\">");
        for (ModelRole role : roles) {
            h.append("<span><span class=\"dot\" style=\"background:").append(RolePalette.css(role)).append("\"></span>")
                    .append(esc(RolePalette.meaning(role))).append("</span>");
        }
        h.append("</p>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td>").append(esc(text)).append("</td>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #212121; margin: 0 auto;
                   max-width: 1240px; padding: 24px 32px 48px; line-height: 1.45; background: #fff; }
            header h1 { margin: 0 0 4px; font-size: 28px; }
            .sub { color: #616161; margin: 0 0 20px; }
            h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 0 0 6px; }
            .findings { background: #f5f7f8; border-left: 4px solid #2e7d32; padding: 4px 20px 8px; }
            .findings h2 { border: none; margin-top: 12px; }
            .findings li { margin: 4px 0; }
            figure { margin: 0; }
            figure img { width: 100%; height: auto; border: 1px solid #eeeeee; }
            figcaption { color: #424242; font-size: 14px; margin-top: 4px; }
            .hero { margin: 24px auto 0; max-width: 960px; }
            .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 28px 32px; }
            table { border-collapse: collapse; width: 100%; font-size: 14px; }
            th, td { padding: 6px 10px; border-bottom: 1px solid #e0e0e0; text-align: right; white-space: nowrap; }
            th { background: #fafafa; font-weight: 600; }
            th:first-child, td.name { text-align: left; }
            td.best { font-weight: 700; }
            .role { color: #757575; font-size: 12px; }
            .dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 7px; }
            .key { font-size: 13px; color: #424242; }
            .key > span { margin-right: 18px; white-space: nowrap; }
            .method { font-size: 14px; color: #424242; }
            footer { margin-top: 32px; font-size: 13px; color: #757575; }
            @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
            """;
}
