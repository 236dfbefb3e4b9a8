package io.qat4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.eval.EvalJson;
import io.qat4j.eval.EvalResult;
import io.qat4j.eval.GapRecovery;
import io.qat4j.eval.ModelResult;
import io.qat4j.eval.ModelRole;

class ReportWriterTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    static ModelResult model(String label, String type, long size, double bpb, Double kl, Double top1) {
        return new ModelResult("/m/" + label + ".gguf", label, ModelRole.of(label), type, 260, 256, 828, 211_802, 211_802,
                bpb * Math.log(2) * 211_802, kl, top1, size, size + 1_000_000, 6000.0, 1500.0, 5000.0, null);
    }

    /** The comparison of issue 9: float, RTN and calibrated PTQ, QAT with and without the embedding, a control. */
    static EvalResult comparison() {
        var models = List.of(model("float", "F32", 6_050_000, 1.7336, 0.0, 1.0),
                model("Q8_0 RTN", "Q8_0", 1_660_000, 1.7338, 0.0002, 0.995),
                model("Q4_0 RTN", "Q4_0", 930_000, 1.7376, 0.0040, 0.977),
                model("Q4_0 calibrated PTQ", "Q4_0", 930_000, 1.7366, 0.0031, 0.979),
                model("Q4_0 QAT-kd", "Q4_0", 930_000, 1.7345, 0.0012, 0.983),
                model("Q4_0 QAT-ce", "Q4_0", 930_000, 1.7349, 0.0016, 0.982),
                model("Q4_0 QAT-kd emb", "Q4_0", 900_000, 1.7352, 0.0018, 0.981),
                model("control", "F32", 6_050_000, 1.7331, 0.0004, 0.984));
        return new EvalResult("kjv.txt", "test", 211_802, 256, 0, "/m/float.gguf", 2, 400_000_000L, GapRecovery.apply(models));
    }

    private static Path log(Path dir, String name, int steps, boolean kd) throws IOException {
        Path f = dir.resolve(name + ".log.jsonl");
        var lines = new ArrayList<String>();
        for (int s = 1; s <= steps; s++) {
            double loss = kd ? 0.01 + 0.02 * Math.exp(-s / 40.0) : 1.2 + 2.5 * Math.exp(-s / 100.0);
            String val = s % 50 == 0 ? String.format(",\"val_loss\":%.5f,\"val_bpb\":%.5f", loss + 0.02, (loss + 0.02) / Math.log(2)) : "";
            lines.add(String.format("{\"step\":%d,\"loss\":%.6f,\"lr\":0.001%s}", s, loss + 0.01 * Math.sin(s), val));
        }
        Files.write(f, lines);
        return f;
    }

    @Test
    void theFolderHoldsTheHtmlThePlotsTheMarkdownAndTheJson(@TempDir Path dir) throws IOException {
        var logs = List.of(TrainingLog.read(log(dir, "float", 400, false)), TrainingLog.read(log(dir, "q4_0-qat-kd", 200, true)));
        Path out = dir.resolve("report");
        var files = ReportWriter.write(comparison(), logs, out);

        assertThat(files.getFirst()).isEqualTo(out.resolve("report.html"));
        assertThat(out.resolve("report.md")).isRegularFile();
        assertThat(EvalJson.read(out.resolve("report.json"))).isEqualTo(comparison());
        var pngs = files.stream().filter(p -> p.toString().endsWith(".png")).toList();
        assertThat(pngs.stream().map(p -> p.getFileName().toString())).contains("quality_vs_size.png",
                "cost_vs_float.png", "rtn_gap_recovered.png", "kl_vs_reference.png", "top1_agreement.png", "speed.png", "training_1_float.png",
                "training_2_q4_0-qat-kd.png");
        for (Path png : pngs) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(java.util.Arrays.copyOf(bytes, 8)).as(png + " signature").isEqualTo(PNG_SIGNATURE);
            assertThat(bytes.length).as(png + " size").isGreaterThan(10_000);
            var image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(700);
            assertThat(distinctColours(image)).as(png + " is a drawing, not a blank").isGreaterThan(20);
        }
    }

    @Test
    void thePageWorksOfflineAndPointsOnlyAtFilesBesideIt(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r");
        ReportWriter.write(comparison(), List.of(), out);
        String html = Files.readString(out.resolve("report.html"));

        assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
        var sources = Pattern.compile("src=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
        assertThat(sources).hasSize(6);
        for (String src : sources) {
            assertThat(out.resolve(src)).isRegularFile();
        }
        assertThat(html).contains("<title>qat4j evaluation</title>", "Q4_0 QAT-kd", "RTN gap recovered",
                "Q4_0 QAT-kd recovers 65 % of the Q4_0 RTN gap");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("| Q4_0 QAT-kd | qat | Q4_0 |", "![Bits per byte vs file size](quality_vs_size.png)");
    }

    @Test
    void withoutReferenceOrSpeedThoseChartsAreLeftOut(@TempDir Path dir) throws IOException {
        var bare = new ArrayList<ModelResult>();
        for (var m : comparison().models()) {
            bare.add(new ModelResult(m.model(), m.label(), m.role(), m.weightType(), m.vocabSize(), m.windowTokens(),
                    m.windows(), m.tokensScored(), m.bytesScored(), m.nats(), null, null, m.fileBytes(), m.memoryBytes(),
                    null, null, m.scoringTps(), m.rtnGapRecovered()));
        }
        var r = new EvalResult("kjv.txt", "test", 211_802, 256, 0, null, 2, -1, bare);
        var files = ReportWriter.write(r, List.of(), dir);
        assertThat(files.stream().map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html",
                "quality_vs_size.png", "cost_vs_float.png", "rtn_gap_recovered.png", "report.md", "report.json");
    }

    private static int distinctColours(java.awt.image.BufferedImage image) {
        var seen = new java.util.HashSet<Integer>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
