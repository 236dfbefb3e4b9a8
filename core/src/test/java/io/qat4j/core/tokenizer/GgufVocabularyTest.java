package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufMetadata;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufValue;
import io.qat4j.core.gguf.GgufWriter;

/** Reading and writing the tokenizer.ggml.* keys. */
class GgufVocabularyTest {

    private static GgufMetadata tinyMetadata() throws IOException {
        try (GgufFile f = GgufReader.open(GoldenTokenizers.tinyGguf())) {
            return f.metadata();
        }
    }

    @Test
    void readsTheTinyModelsVocabulary() throws IOException {
        var v = GgufVocabulary.read(tinyMetadata());
        assertThat(v.size()).isEqualTo(329);
        assertThat(v.tokens()[292]).isEqualTo("▁world");
        assertThat(v.types()[0]).isEqualTo(TokenType.CONTROL);
        assertThat(v.types()[3]).isEqualTo(TokenType.UNKNOWN);
        assertThat(v.types()[4]).isEqualTo(TokenType.BYTE);
        assertThat(v.types()[327]).isEqualTo(TokenType.CONTROL);
        assertThat(v.scores()[260]).isEqualTo(-1.0f);
        assertThat(new int[] {v.bosId(), v.eosId(), v.unkId(), v.padId()}).containsExactly(2, 1, 3, 0);
        assertThat(v.addBos()).isTrue();
        assertThat(v.addEos()).isFalse();
        assertThat(v.addSpacePrefix()).isFalse();
    }

    /**
     * Writing the vocabulary read from a llama.cpp-made GGUF gives back the same keys with the same
     * value and element types, so llama.cpp reads what we write as it reads its own files.
     */
    @Test
    void writesTheKeysLlamaCppWrites(@TempDir Path dir) throws IOException {
        GgufMetadata original = tinyMetadata();
        var v = GgufVocabulary.read(original);
        Path out = dir.resolve("vocab.gguf");
        var w = new GgufWriter();
        w.putString("general.architecture", "gemma3");
        v.write(w);
        w.write(out);
        try (GgufFile f = GgufReader.open(out)) {
            GgufMetadata written = f.metadata();
            for (var e : original.entries().entrySet()) {
                if (e.getKey().startsWith("tokenizer.")) {
                    GgufValue mine = written.get(e.getKey()).orElseThrow(() -> new AssertionError("missing " + e.getKey()));
                    assertThat(mine.type()).as(e.getKey()).isEqualTo(e.getValue().type());
                    assertThat(mine).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            assertThat(written.entries().keySet().stream().filter(k -> k.startsWith("tokenizer.")))
                    .containsExactlyInAnyOrderElementsOf(original.entries().keySet().stream()
                            .filter(k -> k.startsWith("tokenizer.")).toList());
            assertThat(GgufVocabulary.read(written)).isEqualTo(v);
            // And it tokenizes as the original does.
            var again = SentencePieceTokenizer.fromGguf(written);
            assertThat(again.encode("<start_of_turn>user\nhello world<end_of_turn>", true, true))
                    .containsExactly(GoldenTokenizers.tiny().encode("<start_of_turn>user\nhello world<end_of_turn>", true, true));
        }
    }

    @Test
    void aHandBuiltVocabularyRoundTrips(@TempDir Path dir) throws IOException {
        var types = new TokenType[] {TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, TokenType.NORMAL,
                TokenType.NORMAL, TokenType.NORMAL, TokenType.USER_DEFINED};
        var v = new GgufVocabulary(new String[] {"<unk>", "<s>", "</s>", "▁", "a", "▁a", "\n\n"},
                new float[] {0, 0, 0, -1, -2, -0.5f, 0}, types, 1, 2, 0, -1, true, false, true);
        var w = new GgufWriter();
        v.write(w);
        Path out = dir.resolve("v.gguf");
        w.write(out);
        try (GgufFile f = GgufReader.open(out)) {
            assertThat(f.metadata().contains(GgufVocabulary.PAD_ID)).as("no padding id written").isFalse();
            var back = GgufVocabulary.read(f.metadata());
            assertThat(back).isEqualTo(v);
            var tok = new SentencePieceTokenizer(back);
            // add_space_prefix: "a a" becomes ▁a ▁a; the user-defined "\n\n" is matched whole.
            assertThat(tok.encode("a a\n\na", true, false)).containsExactly(1, 5, 5, 6, 5);
            // Decoding drops the space the prefix added.
            assertThat(tok.decode(new int[] {5, 5, 6, 5})).isEqualTo("a a\n\n a");
        }
    }

    private static GgufMetadata with(GgufMetadata base, String key, GgufValue value) {
        Map<String, GgufValue> m = new LinkedHashMap<>(base.entries());
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new GgufMetadata("bad.gguf", m);
    }

    @Test
    void badVocabulariesFailNamingFileAndKey() throws IOException {
        GgufMetadata md = tinyMetadata();
        assertThatThrownBy(() -> GgufVocabulary.read(with(md, GgufVocabulary.MODEL, GgufValue.ofString("gpt2"))))
                .hasMessageContaining("bad.gguf").hasMessageContaining("tokenizer.ggml.model").hasMessageContaining("gpt2");
        assertThatThrownBy(() -> GgufVocabulary.read(with(md, GgufVocabulary.MODEL, null)))
                .hasMessageContaining("bad.gguf").hasMessageContaining("no tokenizer");
        assertThatThrownBy(() -> GgufVocabulary.read(with(md, GgufVocabulary.SCORES, GgufValue.ofArray(GgufArray.ofFloats(1, 2)))))
                .hasMessageContaining("bad.gguf").hasMessageContaining("tokenizer.ggml.scores").hasMessageContaining("2 elements");
        assertThatThrownBy(() -> GgufVocabulary.read(with(md, GgufVocabulary.BOS_ID, GgufValue.ofUint32(329))))
                .hasMessageContaining("bad.gguf").hasMessageContaining("bos_token_id").hasMessageContaining("329");
        int[] types = new int[329];
        java.util.Arrays.fill(types, 1);
        types[7] = 9;
        assertThatThrownBy(() -> GgufVocabulary.read(with(md, GgufVocabulary.TOKEN_TYPE, GgufValue.ofArray(GgufArray.ofInt32(types)))))
                .hasMessageContaining("bad.gguf").hasMessageContaining("token_type").hasMessageContaining("element 7");
        types[7] = 6; // BYTE, but piece 7 is "<0x03>": fine; make a normal piece BYTE instead
        types[300] = 6;
        assertThatThrownBy(() -> SentencePieceTokenizer.fromGguf(with(md, GgufVocabulary.TOKEN_TYPE, GgufValue.ofArray(GgufArray.ofInt32(types)))))
                .hasMessageContaining("bad.gguf").hasMessageContaining("token 300").hasMessageContaining("BYTE");
    }
}
