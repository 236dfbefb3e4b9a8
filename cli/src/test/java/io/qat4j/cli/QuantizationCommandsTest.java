package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.testkit.TestData;

/** quantize, qat and convert through the command line, as users and scripts call them. */
class QuantizationCommandsTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path teacher;

    @BeforeAll
    static void trainATeacher() throws Exception {
        var text = new StringBuilder();
        for (int i = 0; text.length() < 40_000; i++) {
            text.append("In the beginning God created the heaven and the earth. Verse ").append(i % 97).append(".\n");
        }
        data = Files.writeString(tmp.resolve("corpus.txt"), text, StandardCharsets.UTF_8);
        teacher = tmp.resolve("teacher.gguf");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--preset", "tiny", "--steps", "3", "--batch", "2",
                "--seq-len", "32", "--eval-windows", "2", "-t", "2", "--out", teacher.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void quantizeRoundToNearestAndCalibrated() throws Exception {
        Path rtn = tmp.resolve("rtn.gguf");
        CliRun a = CliRun.of("quantize", "--in", teacher.toString(), "--type", "q4_0", "--out", rtn.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.err()).contains("token_embd Q8_0").contains("Q4_0 42");
        Path cal = tmp.resolve("cal.gguf");
        CliRun b = CliRun.of("quantize", "--in", teacher.toString(), "--type", "q4_0", "--method", "scale-search",
                "--calib", data.toString(), "--calib-tokens", "2048", "--keep-embedding", "q4_0", "-t", "2",
                "--out", cal.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.err()).contains("calibration:").contains("lower than round-to-nearest").contains("token_embd Q4_0");
        try (GgufFile f = GgufReader.open(cal); var m = Gemma3Model.load(cal, 1)) {
            assertThat(f.metadata().getInt("general.file_type")).isEqualTo(2);
            assertThat(m.config().vocabSize()).isEqualTo(260);
        }
    }

    @Test
    void qatWritesTheTargetFormatALogAndACheckpoint() throws Exception {
        Path out = tmp.resolve("qat.gguf");
        CliRun r = CliRun.of("qat", "--teacher", teacher.toString(), "--data", data.toString(), "--type", "q8_0",
                "--steps", "2", "--batch", "2", "--seq-len", "32", "--eval-windows", "2", "--learned-scales",
                "--quantize-embedding", "--teacher-cache", "topk=8", "-t", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("qat q8_0: 2 steps").contains("teacher: ran on 2 batches");
        try (GgufFile f = GgufReader.open(out)) {
            assertThat(f.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.Q8_0);
            assertThat(f.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q8_0);
            assertThat(f.metadata().getInt("general.file_type")).isEqualTo(7);
        }
        var log = Files.readAllLines(tmp.resolve("qat.gguf.log.jsonl"));
        assertThat(log).hasSize(2);
        assertThat(new ObjectMapper().readTree(log.get(1)).has("ce")).isTrue();
        assertThat(tmp.resolve("qat.gguf.ckpt")).exists();
        assertThat(tmp.resolve("qat.gguf.teacher-top8.cache")).exists();
    }

    @Test
    void qatAndFineTuningUseTheTeachersOwnVocabulary() throws Exception {
        Path vocab = tmp.resolve("vocab.gguf");
        CliRun t = CliRun.of("tokenizer-train", "--data", data.toString(), "--vocab", "300", "--out", vocab.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path bpeModel = tmp.resolve("bpe.gguf");
        CliRun a = CliRun.of("train", "--data", data.toString(), "--tokenizer", vocab.toString(), "--steps", "2",
                "--batch", "2", "--seq-len", "32", "--eval-windows", "2", "-t", "2", "--out", bpeModel.toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        Path qat = tmp.resolve("bpe-qat.gguf");
        CliRun b = CliRun.of("qat", "--teacher", bpeModel.toString(), "--data", data.toString(), "--type", "q4_0",
                "--steps", "2", "--batch", "2", "--seq-len", "32", "--eval-windows", "2", "-t", "2", "--out", qat.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        Path tuned = tmp.resolve("bpe-tuned.gguf");
        CliRun c = CliRun.of("train", "--init", bpeModel.toString(), "--data", data.toString(), "--steps", "2",
                "--batch", "2", "--seq-len", "32", "--eval-windows", "2", "-t", "2", "--out", tuned.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        try (var m = Gemma3Model.load(qat, 1); var n = Gemma3Model.load(tuned, 1)) {
            assertThat(m.config().vocabSize()).isEqualTo(300);
            assertThat(n.config().vocabSize()).isEqualTo(300);
        }
        CliRun d = CliRun.of("train", "--init", teacher.toString(), "--data", data.toString(), "--steps", "1",
                "--batch", "2", "--seq-len", "32", "--eval-windows", "2", "-t", "2", "--out", tmp.resolve("b.gguf").toString());
        assertThat(d.exitCode()).as("a byte-level model fine-tunes on bytes: %s", d.err()).isZero();
    }

    @Test
    void qatRefusesContradictoryEmbeddingOptionsAndABadCacheSpec() {
        CliRun a = CliRun.of("qat", "--teacher", teacher.toString(), "--data", data.toString(), "--type", "q4_0",
                "--quantize-embedding", "--keep-embedding", "f16", "--out", tmp.resolve("x.gguf").toString());
        assertThat(a.exitCode()).isEqualTo(1);
        assertThat(a.err()).contains("contradict");
        CliRun b = CliRun.of("qat", "--teacher", teacher.toString(), "--data", data.toString(), "--type", "q4_0",
                "--teacher-cache", "top=3", "--out", tmp.resolve("x.gguf").toString());
        assertThat(b.exitCode()).isEqualTo(1);
        assertThat(b.err()).contains("topk=K");
    }

    @Test
    void missingInputsAreNamedBeforeAnyProgressBar() {
        Path missing = tmp.resolve("missing.txt");
        CliRun train = CliRun.of("train", "--data", missing.toString(), "--steps", "3", "--out", tmp.resolve("t.gguf").toString());
        assertThat(train.exitCode()).isEqualTo(1);
        assertThat(train.err()).contains(missing + ": no such file").doesNotContain("steps/s");
        Path noModel = tmp.resolve("missing.gguf");
        CliRun fineTune = CliRun.of("train", "--data", data.toString(), "--init", noModel.toString(), "--steps", "3",
                "--out", tmp.resolve("f.gguf").toString());
        assertThat(fineTune.exitCode()).isEqualTo(1);
        assertThat(fineTune.err()).contains(noModel + ": no such file").doesNotContain("steps/s");
        CliRun resume = CliRun.of("train", "--data", data.toString(), "--resume", tmp.resolve("none.ckpt").toString(),
                "--steps", "3", "--out", tmp.resolve("r.gguf").toString());
        assertThat(resume.exitCode()).isEqualTo(1);
        assertThat(resume.err()).contains("none.ckpt: no such file").doesNotContain("steps/s");
    }

    @Test
    void convertHfTinyAndReportTheGrid() throws Exception {
        Path out = tmp.resolve("hf-tiny-q4_0.gguf");
        CliRun r = CliRun.of("convert", "--hf", TestData.file("torch-reference/hf-tiny").toString(), "--type", "q4_0",
                "--vocab-from", TestData.file("torch-reference/tiny-ref-f32.gguf").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("gemma3, 6 layers, d_model 64").contains("Q4_0 grid: 0 of 6,912 blocks exact");
        CliRun missing = CliRun.of("convert", "--hf", TestData.file("torch-reference/hf-tiny").toString(), "--out",
                tmp.resolve("y.gguf").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("--vocab-from");
    }
}
