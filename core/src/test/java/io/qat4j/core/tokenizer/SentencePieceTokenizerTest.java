package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.testkit.TestData;

/** The SentencePiece tokenizer against llama.cpp's ids for the tiny model's vocabulary. */
class SentencePieceTokenizerTest {

    private static JsonNode cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(TestData.file("gemma3-tiny/fixtures.json").toFile());
        JsonNode cases = root.get("tokenization");
        assertThat(cases.size()).isEqualTo(15);
        return cases;
    }

    @TestFactory
    List<DynamicTest> reproducesEveryLlamaCppCase() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        for (JsonNode c : cases()) {
            String text = c.get("text").textValue();
            boolean addSpecial = c.get("add_special").booleanValue();
            boolean parseSpecial = c.get("parse_special").booleanValue();
            int[] expected = ints(c.get("ids"));
            tests.add(DynamicTest.dynamicTest(
                    "\"" + text.replace("\n", "\\n") + "\" add_special=" + addSpecial + " parse_special=" + parseSpecial,
                    () -> {
                        var tok = GoldenTokenizers.tiny();
                        int[] ids = tok.encode(text, addSpecial, parseSpecial);
                        assertThat(ids).containsExactly(expected);
                        var pieces = new ArrayList<String>();
                        for (int id : ids) {
                            pieces.add(tok.piece(id));
                        }
                        var expectedPieces = new ArrayList<String>();
                        c.get("pieces").forEach(p -> expectedPieces.add(p.textValue()));
                        assertThat(pieces).containsExactlyElementsOf(expectedPieces);
                        // Decoding gives the text back, with the added <bos> rendered as its text.
                        String bos = addSpecial ? "<bos>" : "";
                        assertThat(tok.decode(ids)).isEqualTo(bos + text);
                        // Skipping specials drops exactly the control tokens that were parsed out of the text.
                        String plain = parseSpecial ? text.replaceAll("<(start_of_turn|end_of_turn|bos)>", "") : text;
                        assertThat(tok.decode(ids, true)).isEqualTo(plain);
                    }));
        }
        return tests;
    }

    @Test
    void specialIdsAndFlagsComeFromTheGguf() {
        var tok = GoldenTokenizers.tiny();
        assertThat(tok.vocabSize()).isEqualTo(329);
        assertThat(tok.bosId()).isEqualTo(2);
        assertThat(tok.eosId()).isEqualTo(1);
        assertThat(tok.addsBos()).isTrue();
        assertThat(tok.addsSpacePrefix()).isFalse();
        assertThat(tok.isEndOfGeneration(1)).isTrue();
        assertThat(tok.isEndOfGeneration(328)).as("<end_of_turn>").isTrue();
        assertThat(tok.isEndOfGeneration(327)).as("<start_of_turn>").isFalse();
        assertThat(tok.isEndOfGeneration(2)).isFalse();
        assertThat(tok.idOf("<end_of_turn>")).hasValue(328);
        assertThat(tok.idOf("▁world")).hasValue(292);
        assertThat(tok.idOf("nope")).isEmpty();
        assertThat(tok.type(14)).isEqualTo(TokenType.BYTE);
        assertThat(tok.type(327)).isEqualTo(TokenType.CONTROL);
        assertThat(tok.type(3)).isEqualTo(TokenType.UNKNOWN);
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    static Path tinyGguf() {
        return GoldenTokenizers.tinyGguf();
    }
}
