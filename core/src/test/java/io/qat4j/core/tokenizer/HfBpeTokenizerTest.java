package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.testkit.TestData;

/** The Gemma 3 tokenizer.json against the Hugging Face reference ids. */
class HfBpeTokenizerTest {

    @TestFactory
    List<DynamicTest> reproducesEveryReferenceCase() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(TestData.file("gemma3-tokenizer/cases.json").toFile());
        assertThat(cases.size()).isEqualTo(67);
        var tests = new ArrayList<DynamicTest>();
        int n = 0;
        for (JsonNode c : cases) {
            String text = c.get("text").textValue();
            int[] withBos = SentencePieceTokenizerTest.ints(c.get("ids_with_bos"));
            int[] without = SentencePieceTokenizerTest.ints(c.get("ids_without_special"));
            String decoded = c.get("decoded").textValue();
            String name = "#" + n++ + " " + escape(text);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                var tok = GoldenTokenizers.gemma3();
                assertThat(tok.encode(text, true, true)).as("ids_with_bos").containsExactly(withBos);
                assertThat(tok.encode(text, false, true)).as("ids_without_special").containsExactly(without);
                assertThat(tok.decode(without)).as("decoded").isEqualTo(decoded);
            }));
        }
        return tests;
    }

    private static String escape(String s) {
        var sb = new StringBuilder();
        s.codePoints().limit(40).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    @Test
    void specialIdsAndSizes() {
        var tok = GoldenTokenizers.gemma3();
        assertThat(tok.vocabSize()).isEqualTo(262_145); // 262,144 model entries + <image_soft_token>
        assertThat(tok.mergeCount()).isEqualTo(514_906);
        assertThat(tok.bosId()).isEqualTo(2);
        assertThat(tok.eosId()).isEqualTo(1);
        assertThat(tok.isEndOfGeneration(1)).isTrue();
        assertThat(tok.isEndOfGeneration(106)).as("<end_of_turn>").isTrue();
        assertThat(tok.isEndOfGeneration(105)).isFalse();
        assertThat(tok.type(105)).isEqualTo(TokenType.CONTROL);
        assertThat(tok.type(107)).as("\\n").isEqualTo(TokenType.USER_DEFINED);
        assertThat(tok.type(238 + 0x41)).isEqualTo(TokenType.BYTE);
        assertThat(tok.piece(262_144)).isEqualTo("<image_soft_token>");
    }

    /**
     * The bound is on the loading thread's CPU time: wall-clock time on a machine shared with other
     * builds measures the neighbours as much as the loader (both are printed for the report).
     */
    @Test
    void loadsInUnderTwoSecondsOfCpu() {
        long wall = GoldenTokenizers.gemma3LoadNanos();
        long cpu = GoldenTokenizers.gemma3LoadCpuNanos();
        System.out.printf("gemma3 tokenizer.json: first load in this JVM %.0f ms wall, %.0f ms CPU of the loading thread%n",
                wall / 1e6, cpu / 1e6);
        assertThat(cpu).isLessThan(2_000_000_000L);
    }

    /**
     * A sanity bound against quadratic merging, not a benchmark: 100 KB of letters without a space is
     * one BPE word of 100,000 symbols.
     */
    @Test
    void aLongWordWithoutSpacesEncodesInReasonableTime() {
        var tok = GoldenTokenizers.gemma3();
        var rnd = new java.util.Random(42);
        var sb = new StringBuilder();
        while (sb.length() < 100_000) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        String text = sb.toString();
        long t0 = System.nanoTime();
        int[] ids = tok.encode(text, false, true);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("100,000 letters without spaces: %d tokens in %d ms%n", ids.length, ms);
        assertThat(tok.decode(ids)).isEqualTo(text);
        assertThat(ms).isLessThan(20_000);
    }
}
