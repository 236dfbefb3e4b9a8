package io.qat4j.core.tokenizer;

import static io.qat4j.core.tokenizer.MiniTokenizerJson.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Loading tokenizer.json files: both merge formats, the behaviour of each section, hostile files. */
class HfTokenizerJsonTest {
    @TempDir
    Path dir;

    private HfBpeTokenizer load(MiniTokenizerJson json) throws IOException {
        return HfBpeTokenizer.load(json.write(dir));
    }

    @Test
    void bothMergeFormatsTokenizeAlike() throws IOException {
        var pairs = HfBpeTokenizer.load(new MiniTokenizerJson(true).write(dir.resolve("pairs")));
        var strings = HfBpeTokenizer.load(new MiniTokenizerJson(false).write(dir.resolve("strings")));
        for (String text : new String[] {"abc", "ab abc", " abc", "cab", "a\nb", "abcabc c"}) {
            assertThat(strings.encode(text, true, true)).as(text).containsExactly(pairs.encode(text, true, true));
        }
        assertThat(pairs.mergeCount()).isEqualTo(4);
        // "abc": (a b) rank 0 first, then (ab c) rank 1. " ab": ▁ a b -> (a b) before (▁ a): ▁ ab -> (▁ ab).
        assertThat(pairs.encode("abc ab", false, true)).containsExactly(ABC, SPACE_AB);
        // "▁abc" : a b first, then ab c (rank 1) beats ▁ ab (rank 3).
        assertThat(pairs.encode(" abc", false, true)).containsExactly(SPACE, ABC);
    }

    @Test
    void addedTokensByteFallbackAndUnknowns() throws IOException {
        var tok = load(new MiniTokenizerJson(true));
        assertThat(tok.encode("a\nb", true, true)).containsExactly(BOS, A, NEWLINE, B);
        assertThat(tok.encode("<start_of_turn>ab", false, true)).containsExactly(START, AB);
        // Without special parsing the control token is text ('<', 's', ... go to byte fallback); \n still matches.
        int[] plain = tok.encode("<start_of_turn>\n", false, false);
        assertThat(plain).hasSize("<start_of_turn>".length() + 1).endsWith(NEWLINE);
        assertThat(plain[0]).isEqualTo(BYTE0 + '<');
        assertThat(tok.encode("é", false, true)).containsExactly(BYTE0 + 0xC3, BYTE0 + 0xA9);
        assertThat(tok.decode(tok.encode("é ab", false, true))).isEqualTo("é ab");
        assertThat(tok.bosId()).isEqualTo(BOS);
        assertThat(tok.eosId()).isEqualTo(EOS);
        assertThat(tok.type(UNK)).isEqualTo(TokenType.CONTROL);
        assertThat(tok.type(NEWLINE)).isEqualTo(TokenType.USER_DEFINED);
        assertThat(tok.type(BYTE0 + 7)).isEqualTo(TokenType.BYTE);
    }

    @Test
    void withoutByteFallbackUnknownRunsFuseIntoOneToken() throws IOException {
        var json = new MiniTokenizerJson(true);
        json.model().put("byte_fallback", false);
        var tok = load(json);
        assertThat(tok.encode("aéèb", false, true)).containsExactly(A, UNK, B);
        json.model().put("fuse_unk", false);
        var unfused = HfBpeTokenizer.load(json.write(dir.resolve("unfused")));
        assertThat(unfused.encode("aéèb", false, true)).containsExactly(A, UNK, UNK, B);
    }

    @Test
    void ignoreMergesTakesAWholeWordFromTheVocabulary() throws IOException {
        var json = new MiniTokenizerJson(true);
        json.model().put("ignore_merges", true);
        ((ObjectNode) json.model().get("vocab")).put("cab", 270);
        var tok = load(json);
        assertThat(tok.encode("cab", false, true)).containsExactly(270);
        assertThat(tok.encode("cabc", false, true)).containsExactly(C, ABC);
    }

    @Test
    void readsTheSpecialTokenNamesOfTokenizerConfig() throws IOException {
        var json = new MiniTokenizerJson(true);
        Path file = json.write(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": {\"content\": \"<bos>\"}, \"eos_token\": \"<start_of_turn>\", \"other\": [1, 2]}");
        var tok = HfBpeTokenizer.load(file);
        assertThat(tok.isEndOfGeneration(START)).isTrue();
        assertThat(tok.isEndOfGeneration(EOS)).isTrue();
        assertThat(tok.isEndOfGeneration(BOS)).isFalse();
    }

    private static void assertRejectedAs(Path file, String message) {
        assertThatThrownBy(() -> HfBpeTokenizer.load(file))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void aTruncatedFileIsReportedWithItsName() throws IOException {
        byte[] bytes = Files.readAllBytes(new MiniTokenizerJson(true).write(dir.resolve("good")));
        Path cut = dir.resolve("cut.json");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRejectedAs(cut, "truncated or malformed");
    }

    @Test
    void theRealFileTruncatedIsReportedWithItsName() throws IOException {
        Path cut = dir.resolve("gemma3-cut.json");
        try (var in = Files.newInputStream(GoldenTokenizers.gemma3Json())) {
            Files.write(cut, in.readNBytes(2_000_000));
        }
        assertRejectedAs(cut, "truncated or malformed");
    }

    @Test
    void invalidUtf8IsReportedWithItsName() throws IOException {
        byte[] bytes = Files.readAllBytes(new MiniTokenizerJson(true).write(dir.resolve("good")));
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"abc\"");
        bytes[at + 1] = (byte) 0xFF;
        Path bad = dir.resolve("bad-utf8.json");
        Files.write(bad, bytes);
        assertRejectedAs(bad, "UTF-8");
    }

    @Test
    void aFileWithoutModelIsRejected() throws IOException {
        var json = new MiniTokenizerJson(true);
        json.root.remove("model");
        assertRejectedAs(json.write(dir), "no \"model\"");
    }

    @Test
    void notJsonAtAllIsRejected() throws IOException {
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, "[1, 2, 3]");
        assertThatThrownBy(() -> HfBpeTokenizer.load(p)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("not a JSON object");
        Files.writeString(p, "");
        assertThatThrownBy(() -> HfBpeTokenizer.load(p)).isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(p.toString());
    }

    @Test
    void unsupportedSectionsAreRejectedNotMisread() throws IOException {
        var wordPiece = new MiniTokenizerJson(true);
        wordPiece.model().put("type", "WordPiece");
        assertRejected(wordPiece, "model.type is 'WordPiece'");

        var byteLevel = new MiniTokenizerJson(true);
        byteLevel.root.putObject("decoder").put("type", "ByteLevel");
        assertRejected(byteLevel, "decoder");

        var splitter = new MiniTokenizerJson(true);
        splitter.root.putObject("normalizer").put("type", "NFKC");
        assertRejected(splitter, "normalizer");

        var whitespace = new MiniTokenizerJson(true);
        whitespace.root.putObject("pre_tokenizer").put("type", "Whitespace");
        assertRejected(whitespace, "pre_tokenizer");

        var badMerge = new MiniTokenizerJson(true);
        badMerge.model().withArray("merges").addArray().add("c").add("c");
        assertRejected(badMerge, "merge #4");

        var suffix = new MiniTokenizerJson(true);
        suffix.model().put("end_of_word_suffix", "</w>");
        assertRejected(suffix, "end_of_word_suffix");

        var gap = new MiniTokenizerJson(true);
        ((ObjectNode) gap.model().get("vocab")).put("zzz", 1000);
        assertRejected(gap, "gaps");
    }

    private void assertRejected(MiniTokenizerJson json, String message) throws IOException {
        assertRejectedAs(json.write(dir.resolve(Integer.toHexString(System.identityHashCode(json)))), message);
    }
}
