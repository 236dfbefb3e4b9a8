package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.testkit.TestData;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.export.GgufExport;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.model.ParameterLayout;

class EvalCommandTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static String f32;
    static String q8;
    static Path byteModel;

    @BeforeAll
    static void data() throws Exception {
        corpus = dir.resolve("kjv-slice.txt");
        Files.write(corpus, Arrays.copyOf(Files.readAllBytes(TestData.file("corpus/kjv.txt")), 20_000));
        f32 = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf").toString();
        q8 = TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf").toString();
        var shape = ModelPresets.gemma3(ByteTokenizer.VOCAB_SIZE, 32, 2, 2, 1, 16, 64, 16, 64);
        var layout = new ParameterLayout(shape);
        float[] params = new float[layout.size()];
        ModelInit.initialize(layout, params, 7);
        byteModel = dir.resolve("bytes-untrained.gguf");
        GgufExport.write(byteModel, "bytes-untrained", shape, params, ByteTokenizer.INSTANCE);
    }

    @Test
    void printsATableAndWritesTheJsonAndTheReport() throws Exception {
        Path json = dir.resolve("out/eval.json");
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("eval", "--data", corpus.toString(), "--model", f32, "--model", q8, "--reference", f32,
                "--label", "Q8_0 RTN=" + q8, "--json", json.toString(), "--report", report.toString(), "--threads", "2",
                "--max-windows", "3", "--bench-reps", "1", "--bench-prompt", "8", "--bench-gen", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("| model | role | weights |").contains("| gemma3-tiny-f32 | float | F32 |")
                .contains("| Q8_0 RTN | rtn | Q8_0 |").contains("3 windows of 128 tokens");
        var o = new ObjectMapper().readTree(json.toFile());
        assertThat(o.get("split").asText()).isEqualTo("test");
        assertThat(o.get("windows").asInt()).isEqualTo(3);
        assertThat(o.get("reference").asText()).isEqualTo(f32);
        var q = o.get("models").get(1);
        assertThat(q.get("model").asText()).isEqualTo(q8);
        assertThat(q.get("label").asText()).isEqualTo("Q8_0 RTN");
        for (String field : new String[] {"bits_per_byte", "perplexity", "kl_vs_reference", "top1_agreement", "file_bytes",
            "prefill_tps", "decode_tps"}) {
            assertThat(q.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(q.get("file_bytes").asLong()).isEqualTo(Files.size(Path.of(q8)));
        assertThat(report.resolve("report.html")).isRegularFile();
        assertThat(report.resolve("quality_vs_size.png")).isRegularFile();
        assertThat(r.err()).contains("report: " + report.resolve("report.html"));
    }

    @Test
    void aMissingModelIsOneClearSentence() {
        String missing = dir.resolve("missing.gguf").toString();
        CliRun r = CliRun.of("eval", "--data", corpus.toString(), "--model", missing);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("qat4j eval: " + missing + ": no such file");
    }

    @Test
    void aMissingCorpusOrLogIsNamed() {
        CliRun r = CliRun.of("eval", "--data", dir.resolve("nothing.txt").toString(), "--model", f32);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nothing.txt: no such file");
        CliRun l = CliRun.of("eval", "--data", corpus.toString(), "--model", f32, "--logs", dir.resolve("x.jsonl").toString());
        assertThat(l.exitCode()).isEqualTo(1);
        assertThat(l.err()).contains("x.jsonl: no such file");
    }

    @Test
    void aModelWhoseVocabularyDiffersFromTheReferenceIsAClearError() {
        CliRun r = CliRun.of("eval", "--data", corpus.toString(), "--model", byteModel.toString(), "--reference", f32,
                "--max-windows", "1", "--bench-reps", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("qat4j eval: KL divergence against the reference is undefined: " + byteModel)
                .contains("different vocabulary").contains("260 vs 329 tokens");
    }

    @Test
    void aLabelForAFileThatIsNotAModelIsAnError() {
        CliRun r = CliRun.of("eval", "--data", corpus.toString(), "--model", f32, "--label", "float=other.gguf");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--label float=other.gguf: other.gguf is not one of the --model files");
    }

    @Test
    void helpDescribesRolesAndTheGapFormula() {
        CliRun r = CliRun.of("eval", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--reference", "--report", "--logs", "--label", "--max-windows",
                "1 - (bpb_x - bpb_control) / (bpb_rtn - bpb_float)");
    }
}
