package io.qat4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.testkit.TestData;
import io.qat4j.train.tokenizer.BpeOptions;
import io.qat4j.train.tokenizer.BpeProgress;
import io.qat4j.train.tokenizer.BpeTrainer;
import io.qat4j.train.tokenizer.BpeVocabulary;

class GgufTokenizerTest {
    @TempDir
    Path tmp;

    static BpeVocabulary trained(String text, int size) {
        return new BpeTrainer(BpeOptions.ofVocabSize(size)).train(text, BpeProgress.NONE);
    }

    /** Text of many lines and languages, long enough to be cut into chunks many times. */
    static String mixedText(int chars, long seed) {
        String[] words = {"in", "the", "beginning", "était", "le", "verbe", "東京", "🙂", "  ", "\n", "\t", "<bos>", "a▁b"};
        var r = new SplittableRandom(seed);
        var sb = new StringBuilder();
        while (sb.length() < chars) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(4) == 0 ? "" : " ");
        }
        return sb.toString();
    }

    @Test
    void chunkedTokensEqualTheWholeTextsAndCountExactlyTheInputBytes() throws IOException {
        String text = mixedText(60_000, 1);
        BpeVocabulary v = trained(text, 500);
        Path file = tmp.resolve("mixed.gguf");
        v.write(file);
        var tok = GgufTokenizer.open(file);
        assertThat(text.length()).isGreaterThan(10 * GgufTokenizer.CHUNK_CHARS);
        String other = mixedText(50_000, 2);
        assertThat(tok.encode(other)).containsExactly(tok.tokenizer().encode(other, false, false));
        byte[] utf8 = other.getBytes(StandardCharsets.UTF_8);
        // A ▁ (U+2581) typed in the text is SentencePiece's space escape: it decodes, and counts, as a space.
        assertThat(byteSum(tok, tok.encode(utf8))).isEqualTo(other.replace('▁', ' ').getBytes(StandardCharsets.UTF_8).length);
        assertThat(tok.tokenizer().decode(tok.encode(utf8))).isEqualTo(other.replace('▁', ' '));
        assertThat(tok.bosId()).isEqualTo(2);
        assertThat(tok.vocabSize()).isEqualTo(500);
        assertThat(tok.name()).startsWith("mixed.gguf#").hasSize("mixed.gguf#".length() + 16);
    }

    @Test
    void kjvValidationSplitTokensEqualTheWholeTextsAndCoverEveryByte() throws IOException {
        var split = CorpusSplit.of(Corpus.read(TestData.file("corpus/kjv.txt")));
        BpeVocabulary v = trained(new String(split.train(), StandardCharsets.UTF_8), 2048);
        var tok = GgufTokenizer.of("kjv", v.vocabulary());
        String val = new String(split.val(), StandardCharsets.UTF_8);
        int[] ids = tok.encode(split.val());
        assertThat(ids).containsExactly(tok.tokenizer().encode(val, false, false));
        assertThat(byteSum(tok, ids)).isEqualTo(split.val().length);
        assertThat((double) split.val().length / ids.length).as("bytes per token").isGreaterThan(3.0);
    }

    @Test
    void bytesThatAreNotUtf8BecomeByteTokensSoEveryInputByteIsCounted() {
        var tok = GgufTokenizer.of("small", trained(mixedText(20_000, 3), 400).vocabulary());
        var r = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bytes = new byte[r.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(26) : r.nextInt(256));
            }
            int[] ids = tok.encode(bytes);
            assertThat(byteSum(tok, ids)).as("trial %d", trial).isEqualTo(bytes.length);
        }
        // a split that cuts 'é' (C3 A9) in half: the lone continuation byte is a byte token
        int[] ids = tok.encode(new byte[] {(byte) 0xA9, 'a', 'b'});
        assertThat(ids[0]).isEqualTo(4 + 0xA9);
        assertThat(tok.tokenizer().piece(ids[0])).isEqualTo("<0xA9>");
    }

    @Test
    void theNameChangesWithTheVocabularyAndErrorsNameTheFile() throws IOException {
        var a = GgufTokenizer.of("t.gguf", trained(mixedText(20_000, 3), 400).vocabulary());
        var b = GgufTokenizer.of("t.gguf", trained(mixedText(20_000, 3), 401).vocabulary());
        assertThat(a.name()).isNotEqualTo(b.name());
        assertThatThrownBy(() -> GgufTokenizer.open(tmp.resolve("missing.gguf"))).hasMessageContaining("missing.gguf");
        GgufVocabulary noBos = new GgufVocabulary(new String[] {"a"}, new float[1],
                new io.qat4j.core.tokenizer.TokenType[] {io.qat4j.core.tokenizer.TokenType.NORMAL}, -1, -1, -1, -1,
                false, false, false);
        var w = new GgufWriter();
        noBos.write(w);
        Path file = tmp.resolve("nobos.gguf");
        w.write(file);
        assertThatThrownBy(() -> GgufTokenizer.open(file)).hasMessageContaining("nobos.gguf").hasMessageContaining("BOS");
    }

    private static long byteSum(Tokenizer tok, int[] ids) {
        long n = 0;
        for (int id : ids) {
            n += tok.byteCount(id);
        }
        return n;
    }
}
