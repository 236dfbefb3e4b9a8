package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.testkit.SyntheticText;

class TokenizerTrainCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path corpus() throws Exception {
        String[] words = {"in", "the", "beginning", "god", "created", "heaven", "and", "earth", "was", "without",
                "form", "void", "darkness", "upon", "face", "of", "deep", "spirit", "moved", "waters"};
        return SyntheticText.write(tmp.resolve("corpus.txt"), words, 30_000, 7);
    }

    @Test
    void helpTeachesWhatTheVocabularyHoldsTheDefaultsAndAnExample() {
        CliRun r = CliRun.of("tokenizer-train", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("<pad> <eos> <bos> <unk>", "<0x00>..<0xFF>", "<start_of_turn> <end_of_turn>",
                "byte", "default: 4096", "default: train", "--min-char-count", "Examples:",
                "qat4j tokenizer-train --data kjv.txt --vocab 4096 --out kjv-4k.gguf");
        assertThat(CliRun.of("--help").out()).contains("tokenizer-train");
    }

    @Test
    void writesAVocabularyTheTokenizeCommandReads() throws Exception {
        Path out = tmp.resolve("tok.gguf");
        CliRun r = CliRun.of("tokenizer-train", "--data", corpus().toString(), "--vocab", "300", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("300 tokens (262 reserved").contains(out.toString());
        Tokenizer tok = Tokenizers.load(out);
        assertThat(tok.vocabSize()).isEqualTo(300);
        CliRun ids = CliRun.of("tokenize", "--model", out.toString(), "--text", "in the beginning");
        assertThat(ids.exitCode()).as(ids.err()).isZero();
        assertThat(JSON.readValue(ids.out(), int[].class)).containsExactly(tok.encode("in the beginning", true, false));
    }

    @Test
    void clearErrors() throws Exception {
        Path out = tmp.resolve("tok.gguf");
        CliRun small = CliRun.of("tokenizer-train", "--data", corpus().toString(), "--vocab", "262", "--out", out.toString());
        assertThat(small.exitCode()).isEqualTo(1);
        assertThat(small.err()).contains("vocabulary size 262 is too small").contains("at least 263");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        CliRun none = CliRun.of("tokenizer-train", "--data", empty.toString(), "--out", out.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("empty.txt").contains("no text");
        CliRun missing = CliRun.of("tokenizer-train", "--data", tmp.resolve("nope.txt").toString(), "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.txt");
        CliRun badSplit = CliRun.of("tokenizer-train", "--data", corpus().toString(), "--split", "dev", "--out", out.toString());
        assertThat(badSplit.err()).contains("dev");
        assertThat(Files.exists(out)).isFalse();
    }

    /** tokenizer-train, then train with the vocabulary, then generate and tokenize with the exported model. */
    @Test
    void aModelTrainedWithTheVocabularyCarriesItIntoGeneration() throws Exception {
        Path data = corpus();
        Path tokFile = tmp.resolve("tok.gguf");
        assertThat(CliRun.of("tokenizer-train", "--data", data.toString(), "--vocab", "350", "--out", tokFile.toString())
                .exitCode()).isZero();
        Path model = tmp.resolve("model.gguf");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--preset", "tiny", "--tokenizer", tokFile.toString(),
                "--steps", "2", "--batch", "2", "--seq-len", "32", "--threads", "2", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();

        Tokenizer tok = Tokenizers.load(tokFile);
        String prompt = "in the beginning god created";
        int[] expected = tok.encode(prompt, true, false);
        assertThat(expected.length).isLessThan(prompt.length() / 2);
        CliRun ids = CliRun.of("tokenize", "--model", model.toString(), "--text", prompt);
        assertThat(JSON.readValue(ids.out(), int[].class)).containsExactly(expected);
        CliRun gen = CliRun.of("generate", "--model", model.toString(), "--prompt", prompt, "-n", "3", "--temp", "0",
                "--json");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        JsonNode summary = JSON.readTree(gen.out());
        assertThat(summary.get("prompt_tokens").asInt()).isEqualTo(expected.length);
        assertThat(summary.get("completion_tokens").asInt()).isBetween(1, 3);
    }
}
