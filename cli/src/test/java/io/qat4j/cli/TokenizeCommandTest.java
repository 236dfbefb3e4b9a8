package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.testkit.TestData;

/** The golden Gemma 3 tokenizer cases through the command line, as other tools will call it. */
class TokenizeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyGoldenCaseThroughJsonlWithAndWithoutBos(@TempDir Path dir) throws Exception {
        JsonNode cases = JSON.readTree(TestData.file("gemma3-tokenizer/cases.json").toFile());
        List<String> lines = new ArrayList<>();
        for (JsonNode c : cases) {
            lines.add(JSON.writeValueAsString(c.get("text").asText()));
        }
        Path in = dir.resolve("cases.jsonl");
        Files.write(in, lines);
        String tokenizer = TestData.file("gemma3-tokenizer/tokenizer.json").toString();

        CliRun withBos = CliRun.of("tokenize", "--tokenizer", tokenizer, "--jsonl", in.toString());
        CliRun noBos = CliRun.of("tokenize", "--tokenizer", tokenizer, "--jsonl", in.toString(), "--no-bos");
        assertThat(withBos.exitCode()).as(withBos.err()).isZero();
        assertThat(noBos.exitCode()).as(noBos.err()).isZero();
        String[] a = withBos.out().split("\n");
        String[] b = noBos.out().split("\n");
        // Empty text lines are kept (they are JSON "" and tokenize to [2] / []).
        assertThat(a).hasSize(cases.size());
        assertThat(b).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(JSON.readTree(a[i])).as("case %d with BOS", i).isEqualTo(cases.get(i).get("ids_with_bos"));
            assertThat(JSON.readTree(b[i])).as("case %d without", i).isEqualTo(cases.get(i).get("ids_without_special"));
        }
    }

    @Test
    void textFromTheGgufVocabulary() throws Exception {
        CliRun r = CliRun.of("tokenize", "--model", TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf").toString(),
                "--text", "Hello world");
        assertThat(r.exitCode()).isZero();
        JsonNode fixtures = JSON.readTree(TestData.file("gemma3-tiny/fixtures.json").toFile());
        for (JsonNode c : fixtures.get("tokenization")) {
            if (c.get("text").asText().equals("Hello world") && c.path("add_special").asBoolean(true)) {
                assertThat(JSON.readTree(r.out())).isEqualTo(c.get("ids"));
                return;
            }
        }
        // The fixture list has no plain "Hello world" with BOS: compare with the Java API instead.
        var tok = io.qat4j.core.tokenizer.Tokenizers.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
        assertThat(JSON.readTree(r.out())).isEqualTo(JSON.valueToTree(tok.encode("Hello world", true, true)));
    }

    @Test
    void aLineThatIsNotAJsonStringNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("bad.jsonl");
        Files.writeString(in, "\"ok\"\nnot json\n");
        CliRun r = CliRun.of("tokenize", "--model", TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf").toString(),
                "--jsonl", in.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:2").contains("not a JSON string");
    }

    @Test
    void missingSourceOrInputIsAUsageError() {
        CliRun r = CliRun.of("tokenize", "--text", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--model").contains("--tokenizer");
    }
}
