package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Streaming decoding on the tiny vocabulary, whose non-ASCII characters are all byte tokens. */
class IncrementalDecoderTest {
    private static final int BYTE0 = 4; // <0x00> in the tiny vocabulary

    private static int b(int value) {
        return BYTE0 + value;
    }

    /** What each call of next() returned, then finish() last. */
    private static List<String> stream(Tokenizer tok, boolean skipSpecial, int... ids) {
        var decoder = tok.newDecoder(skipSpecial);
        var out = new ArrayList<String>();
        for (int id : ids) {
            out.add(decoder.next(id));
        }
        out.add(decoder.finish());
        return out;
    }

    @Test
    void holdsBackACharacterUntilItsLastByte() {
        var tok = GoldenTokenizers.tiny();
        // h é ll o  with é = C3 A9; then 🙂 = F0 9F 99 82
        assertThat(stream(tok, false, 268, b(0xC3), b(0xA9), 317, 273, b(0xF0), b(0x9F), b(0x99), b(0x82)))
                .containsExactly("h", "", "é", "ll", "o", "", "", "", "🙂", "");
    }

    @Test
    void spacesAndControlTokens() {
        var tok = GoldenTokenizers.tiny();
        assertThat(stream(tok, false, 2, 287, 292, 328)).containsExactly("<bos>", " hello", " world", "<end_of_turn>", "");
        assertThat(stream(tok, true, 2, 287, 292, 328)).containsExactly("", " hello", " world", "", "");
    }

    @Test
    void aSkippedSpecialTokenDoesNotBreakAPendingCharacter() {
        var tok = GoldenTokenizers.tiny();
        assertThat(stream(tok, true, b(0xC3), 328, b(0xA9))).containsExactly("", "", "é", "");
        // Rendered as text, the control token ends the incomplete character.
        assertThat(stream(tok, false, b(0xC3), 328, b(0xA9))).containsExactly("", "\uFFFD<end_of_turn>", "\uFFFD", "");
    }

    @Test
    void illFormedBytesBecomeReplacementCharacters() {
        var tok = GoldenTokenizers.tiny();
        // An incomplete character at the end comes out only at finish.
        assertThat(stream(tok, false, 268, b(0xE2), b(0x82))).containsExactly("h", "", "", "\uFFFD");
        // A stray continuation byte is replaced at once.
        assertThat(stream(tok, false, b(0xA9), 268)).containsExactly("\uFFFD", "h", "");
        // F0 9F then 'A': the maximal subpart F0 9F is one U+FFFD, the 'A' survives.
        assertThat(stream(tok, false, b(0xF0), b(0x9F), b(0x41))).containsExactly("", "", "\uFFFDA", "");
        // A text token after an incomplete character.
        assertThat(stream(tok, false, b(0xC3), 317)).containsExactly("", "\uFFFDll", "");
        // Bytes that can never start a character: C0, F5..FF.
        assertThat(stream(tok, false, b(0xC0), b(0xFF))).containsExactly("\uFFFD", "\uFFFD", "");
        // Surrogates encoded in UTF-8 (ED A0 80) are ill-formed: ED, then A0 and 80 as strays.
        assertThat(tok.decode(new int[] {b(0xED), b(0xA0), b(0x80)})).isEqualTo("\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void theDecoderCanBeReusedAfterFinish() {
        var tok = GoldenTokenizers.tiny();
        var d = tok.newDecoder(false);
        assertThat(d.next(b(0xC3))).isEmpty();
        assertThat(d.finish()).isEqualTo("\uFFFD");
        assertThat(d.next(b(0xC3)) + d.next(b(0xA9))).isEqualTo("é");
        assertThat(d.finish()).isEmpty();
    }
}
