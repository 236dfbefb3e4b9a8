package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.testkit.TestData;

/**
 * The Gemma 3 tokenizer.json turned into a SentencePiece vocabulary (scores = minus the first merge
 * rank), written to a GGUF and read back, tokenizes the golden cases exactly as the reference ids, and
 * agrees with the BPE on a large sample of other text.
 */
class SentencePieceFromBpeTest {

    static SentencePieceTokenizer viaGguf(HfBpeTokenizer.SentencePieceScores s) throws IOException {
        var w = new GgufWriter();
        w.putString("general.architecture", "gemma3");
        s.vocabulary().write(w);
        var file = Files.createTempFile("vocab", ".gguf");
        try {
            w.write(file);
            try (var f = GgufReader.open(file)) {
                return SentencePieceTokenizer.fromGguf(f.metadata());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void goldenCasesTokenizeAsTheReference() throws IOException {
        var bpe = GoldenTokenizers.gemma3();
        var converted = bpe.toSentencePiece(262_144);
        assertThat(converted.droppedIds()).as("<image_soft_token>").isEqualTo(1);
        assertThat(converted.paddedIds()).isZero();
        System.out.printf("multi-character normal pieces that no merge makes: %d%n", converted.unmergedPieces());
        var spm = viaGguf(converted);
        assertThat(spm.bosId()).isEqualTo(2);
        assertThat(spm.eosId()).isEqualTo(1);
        assertThat(spm.addsSpacePrefix()).isFalse();
        JsonNode cases = new ObjectMapper().readTree(TestData.file("gemma3-tokenizer/cases.json").toFile());
        int n = 0;
        for (JsonNode c : cases) {
            String text = c.get("text").textValue();
            if (text.contains("<image_soft_token>")) {
                continue; // id 262144 lies outside a 262,144-row model
            }
            int[] withBos = SentencePieceTokenizerTest.ints(c.get("ids_with_bos"));
            int[] without = SentencePieceTokenizerTest.ints(c.get("ids_without_special"));
            assertThat(spm.encode(text, true, true)).as("case %d with BOS", n).containsExactly(withBos);
            assertThat(spm.encode(text, false, true)).as("case %d", n).containsExactly(without);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(66);
    }

    @Test
    void agreesWithTheBpeOnOtherText() throws IOException {
        var bpe = GoldenTokenizers.gemma3();
        var spm = viaGguf(bpe.toSentencePiece(262_144));
        var rnd = new SplittableRandom(1);
        List<String> lines = Files.readAllLines(TestData.file("corpus/kjv.txt"), StandardCharsets.UTF_8);
        int checked = 0;
        int differ = 0;
        String example = null;
        for (int i = 0; i < 3000; i++) {
            String line = lines.get(rnd.nextInt(lines.size()));
            checked++;
            if (!java.util.Arrays.equals(bpe.encode(line, false, true), spm.encode(line, false, true))) {
                differ++;
                example = example == null ? line : example;
            }
        }
        System.out.printf("KJV lines: %d of %d tokenize differently%s%n", differ, checked,
                example == null ? "" : " (e.g. " + example + ")");
        int rdiffer = 0;
        String rexample = null;
        for (int i = 0; i < 3000; i++) {
            String s = mixed(rnd, 1 + rnd.nextInt(40));
            if (!java.util.Arrays.equals(bpe.encode(s, false, true), spm.encode(s, false, true))) {
                rdiffer++;
                rexample = rexample == null ? s : rexample;
            }
        }
        System.out.printf("random mixed-script strings: %d of 3000 differ%s%n", rdiffer,
                rexample == null ? "" : " (e.g. " + rexample + ")");
        assertThat(differ).isZero();
        assertThat(rdiffer).isZero();
    }

    /** Mixed-script text: ASCII, whitespace runs, accented Latin, combining marks, CJK, Hangul, emoji, any code point. */
    static String mixed(SplittableRandom rnd, int pieces) {
        String[] spaces = {" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00A0", "   "};
        var sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            switch (rnd.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> sb.appendCodePoint(0x20 + rnd.nextInt(0x5F));
                case 5 -> sb.append(spaces[rnd.nextInt(spaces.length)]);
                case 6 -> sb.appendCodePoint(0xA0 + rnd.nextInt(0x1B0));
                case 7 -> sb.appendCodePoint(0x4E00 + rnd.nextInt(0x5200));
                case 8 -> sb.appendCodePoint(rnd.nextBoolean() ? 0xAC00 + rnd.nextInt(0x2BA4) : 0x1F300 + rnd.nextInt(0x800));
                default -> {
                    int cp;
                    do {
                        cp = rnd.nextInt(0x110000);
                    } while ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2581);
                    sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }
}
