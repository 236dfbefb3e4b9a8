package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The main job end to end on its embedded Europarl corpus, in the shortest budget it accepts: every step
 * runs for real (tokenizer, training, RTN, QAT, control, evaluation, governed generation), then a second
 * run with the same options resumes from the finished steps instead of starting over.
 */
class DemoSmokeTest {
    @TempDir
    Path out;

    /**
     * The schedule this machine's two-minute budget chose (0.55 s per step of 16 × 256 on 2 cores), fixed so
     * that a faster or slower CI machine trains the same steps instead of a different run.
     */
    static final String[] FIXED_WORK = {"--steps", "392", "--batch", "4", "--threads", "2"};

    @Test
    void twoMinuteDemoShowsQatAheadOfRoundToNearestAndResumes() throws Exception {
        CliRun first = CliRun.of(demo());
        System.out.println(first.out()); // the table, in CI's log
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("[8/8] a governed generation from the QAT model", "score ", "Report: ");

        JsonNode models = new ObjectMapper().readTree(out.resolve("eval.json").toFile()).get("models");
        Map<String, Double> bitsPerByte = new HashMap<>();
        for (JsonNode m : models) {
            bitsPerByte.put(m.get("label").asText(), m.get("bits_per_byte").asDouble());
        }
        assertThat(bitsPerByte).containsKeys("float", "Q8_0 RTN", "Q4_0 RTN", "Q4_0 QAT-kd",
                "control (float, same fine-tuning)");
        assertThat(bitsPerByte.get("Q4_0 QAT-kd")).as("QAT Q4_0 vs RTN Q4_0 bits per byte: %s", bitsPerByte)
                .isLessThan(bitsPerByte.get("Q4_0 RTN"));
        assertThat(out.resolve("report").resolve("report.html")).exists();

        CliRun again = CliRun.of(demo());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("[3/8] training the float model: done in an earlier run",
                "[5/8] quantization-aware training of Q4_0 (distilled from the float model): done in an earlier run",
                "[7/8] evaluating every model on held-out text: done in an earlier run");
        assertThat(again.out()).contains(String.format("%.4f", bitsPerByte.get("Q4_0 QAT-kd")));
    }

    private String[] demo() {
        var args = new ArrayList<>(List.of("demo", "--minutes", "2", "--out", out.toString()));
        args.addAll(List.of(FIXED_WORK));
        return args.toArray(String[]::new);
    }
}
