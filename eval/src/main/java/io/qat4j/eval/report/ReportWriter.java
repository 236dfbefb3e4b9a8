package io.qat4j.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.ChartEncoder;

import io.qat4j.eval.EvalJson;
import io.qat4j.eval.EvalResult;
import io.qat4j.eval.OutputFiles;

/**
 * Writes an evaluation report folder: {@code report.html} (opens offline: inline CSS, the plots as PNG
 * files beside it), the PNG plots (made with XChart), {@code report.md} and {@code report.json}.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";

    private ReportWriter() {}

    /**
     * @param logs training/QAT logs to plot (may be empty)
     * @return every file written, the HTML page first
     */
    public static List<Path> write(EvalResult result, List<TrainingLog> logs, Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen, also on a desktop
        }
        Files.createDirectories(dir);
        var evaluation = ReportFigures.evaluation(result);
        var training = ReportFigures.training(logs);
        var files = new ArrayList<Path>();
        files.add(dir.resolve(HTML));
        for (Figure f : concat(evaluation, training)) {
            Path png = dir.resolve(f.file());
            OutputFiles.write(png, ChartEncoder.getBytes(f.chart(), "png"));
            files.add(png);
        }
        Path md = dir.resolve(MARKDOWN);
        OutputFiles.write(md, MarkdownReport.of(result, evaluation, training));
        files.add(md);
        Path json = dir.resolve(JSON);
        EvalJson.write(result, json);
        files.add(json);
        OutputFiles.write(dir.resolve(HTML), HtmlReport.of(result, evaluation, training)); // last: a page never points at missing plots
        return files;
    }

    private static List<Figure> concat(List<Figure> a, List<Figure> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
