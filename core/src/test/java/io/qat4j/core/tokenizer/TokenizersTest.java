package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgufWriter;

/** Tokenizers.load picks the implementation by the file. */
class TokenizersTest {
    @TempDir
    Path dir;

    @Test
    void aGgufGivesItsSentencePieceVocabulary() throws IOException {
        Tokenizer tok = Tokenizers.load(GoldenTokenizers.tinyGguf());
        assertThat(tok).isInstanceOf(SentencePieceTokenizer.class);
        assertThat(tok.encode("hello world", true, false)).containsExactly(2, 322, 317, 273, 292);
    }

    @Test
    void aTokenizerJsonOrItsDirectoryGivesTheHfTokenizer() throws IOException {
        Path file = new MiniTokenizerJson(true).write(dir.resolve("model"));
        assertThat(Tokenizers.load(file)).isInstanceOf(HfBpeTokenizer.class);
        Tokenizer fromDir = Tokenizers.load(dir.resolve("model"));
        assertThat(fromDir).isInstanceOf(HfBpeTokenizer.class);
        assertThat(fromDir.encode("abc", true, true)).containsExactly(MiniTokenizerJson.BOS, MiniTokenizerJson.ABC);
    }

    @Test
    void aGgufWithoutTokenizerIsAClearError() throws IOException {
        Path gguf = dir.resolve("empty.gguf");
        new GgufWriter().putString("general.architecture", "gemma3").write(gguf);
        assertThatThrownBy(() -> Tokenizers.load(gguf)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(gguf.toString()).hasMessageContaining("no tokenizer");
    }

    @Test
    void missingAndWrongFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> Tokenizers.load(dir.resolve("nope.gguf"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.gguf");
        assertThatThrownBy(() -> Tokenizers.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no tokenizer.json");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> Tokenizers.load(text)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(text.toString());
    }
}
