package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.testkit.TestData;

/** The logits command against the golden logits, batched and --sequential (the foundation acceptance test). */
class LogitsCommandTest {

    static String fixtureTokens() throws Exception {
        var ids = new ObjectMapper().readTree(TestData.file("gemma3-tiny/fixtures.json").toFile()).get("token_ids");
        return java.util.stream.StreamSupport.stream(ids.spliterator(), false).map(n -> String.valueOf(n.asInt()))
                .collect(Collectors.joining(","));
    }

    @ParameterizedTest
    @CsvSource({"f32,false", "f32,true", "q8_0,false", "q8_0,true", "q4_0,false", "q4_0,true"})
    void everyPositionMatchesTheReferences(String variant, boolean sequential, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("logits.f32");
        String model = TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf").toString();
        String[] args = sequential
                ? new String[] {"logits", "--model", model, "--tokens", fixtureTokens(), "--out", out.toString(), "--sequential"}
                : new String[] {"logits", "--model", model, "--tokens", fixtureTokens(), "--out", out.toString()};
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        float[] got = TestData.readF32(out);
        float[] exact = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".exact.logits.f32"));
        float[] llama = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".logits.f32"));
        assertThat(got).hasSize(40 * 329);
        assertThat(maxAbsDiff(got, exact)).isLessThanOrEqualTo(1e-4f);
        assertThat(maxAbsDiff(got, llama)).isLessThanOrEqualTo(0.1f);
    }

    @Test
    void anOutOfVocabularyIdIsAClearError(@TempDir Path dir) {
        CliRun r = CliRun.of("logits", "--model", TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf").toString(),
                "--tokens", "2,5,400", "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("400").contains("vocabulary");
    }

    @Test
    void aTruncatedModelIsAClearError(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("cut.gguf");
        byte[] bytes = java.nio.file.Files.readAllBytes(TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf"));
        java.nio.file.Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = CliRun.of("logits", "--model", cut.toString(), "--tokens", "2,5", "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cut.gguf").contains("truncated");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    static float maxAbsDiff(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
