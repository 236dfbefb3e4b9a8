package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.testkit.TestData;
import io.qat4j.train.data.ByteTokenizer;

class EvalTextTest {

    private static SentencePieceTokenizer tiny() throws IOException {
        try (var f = GgufReader.open(TinyModels.gemmaTiny("f32"))) {
            return SentencePieceTokenizer.fromGguf(f.metadata());
        }
    }

    @Test
    void tokenBytesAddUpToTheTextForASentencePieceVocabulary() throws IOException {
        var tok = tiny();
        byte[] kjv = Arrays.copyOf(Files.readAllBytes(TestData.file("corpus/kjv.txt")), 5000);
        String mixed = "In the beginning — «naïve» café, 東京 and 🙂 emoji\nline two";
        for (byte[] text : new byte[][] {kjv, mixed.getBytes(StandardCharsets.UTF_8)}) {
            var t = EvalText.of(tok, text, "gemma3-tiny");
            assertThat(Arrays.stream(t.tokenBytes()).sum()).isEqualTo(text.length);
            assertThat(t.textBytes()).isEqualTo(text.length);
            assertThat(t.tokens()).isEqualTo(tok.encode(new String(text, StandardCharsets.UTF_8), false, false));
            assertThat(t.bos()).isEqualTo(2);
        }
    }

    @Test
    void bytesScoredAreTheWholeTextWhenEveryTokenIsScoredAndTheTokensBytesOtherwise() throws IOException {
        var t = EvalText.of(tiny(), "hello world, hello there".getBytes(StandardCharsets.UTF_8), "gemma3-tiny");
        int n = t.tokens().length;
        assertThat(t.bytesScored(EvalWindows.plan(n, 4, 0))).isEqualTo(24);
        int firstTwo = t.tokenBytes()[0] + t.tokenBytes()[1];
        assertThat(t.bytesScored(EvalWindows.plan(n, 2, 1))).isEqualTo(firstTwo);
    }

    @Test
    void aByteLevelVocabularyMapsRawBytesOneToOne(@TempDir Path dir) throws IOException {
        var w = new GgufWriter();
        ByteTokenizer.INSTANCE.writeGgufVocabulary(w);
        w.write(dir.resolve("bytes.gguf"));
        SentencePieceTokenizer tok;
        try (var f = GgufReader.open(dir.resolve("bytes.gguf"))) {
            tok = SentencePieceTokenizer.fromGguf(f.metadata());
        }
        assertThat(tok.isByteLevel()).isTrue();
        byte[] text = {'a', ' ', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF}; // 0xFF: not valid UTF-8, kept as is
        var t = EvalText.of(tok, text, "bytes");
        assertThat(t.tokens()).containsExactly('a', ' ', 0xC3, 0xA9, 0xFF);
        assertThat(t.tokenBytes()).containsOnly(1);
        assertThat(t.bos()).isEqualTo(257);
    }
}
