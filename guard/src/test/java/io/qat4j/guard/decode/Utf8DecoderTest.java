package io.qat4j.guard.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.testkit.TestData;

/**
 * The streaming decoder against the tokenizer's decoder (what the output text will be) and the
 * JDK's, on any bytes split anywhere.
 */
class Utf8DecoderTest {
    private static Tokenizer tokenizer;

    /** Decodes {@code bytes} fed in chunks of {@code chunk}; returns the text and the final state. */
    private record Decoded(String text, int state) {
        /** As a whole-text decoder reports it: an incomplete sequence at the end is one U+FFFD. */
        String finished() {
            return state != 0 ? text + '\uFFFD' : text;
        }
    }

    private static Decoded decodeInChunks(byte[] bytes, int chunk) {
        var out = new StringBuilder();
        int state = 0;
        for (int i = 0; i < bytes.length; i += chunk) {
            state = Utf8Decoder.decode(state, Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)), cp -> {
                out.appendCodePoint(cp);
                return true;
            });
            assertThat(state).isBetween(0, (1 << 22) - 1);
        }
        return new Decoded(out.toString(), state);
    }

    private static Tokenizer tinyTokenizer() throws Exception {
        if (tokenizer == null) {
            tokenizer = Tokenizers.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
        }
        return tokenizer;
    }

    @Property(tries = 1000)
    void decodesLikeTheTokenizerWhateverTheSplit(@ForAll @Size(max = 24) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 5) int chunk) throws Exception {
        Tokenizer tok = tinyTokenizer();
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = tok.idOf(String.format("<0x%02X>", bytes[i] & 0xFF)).orElseThrow();
        }
        assertThat(decodeInChunks(bytes, chunk).finished()).isEqualTo(tok.decode(ids, true));
    }

    @Property(tries = 1000)
    void decodesLikeTheJdkExceptOnEncodedSurrogates(@ForAll @Size(max = 24) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 5) int chunk) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            Assume.that(!((bytes[i] & 0xFF) == 0xED && (bytes[i + 1] & 0xFF) >= 0xA0 && (bytes[i + 1] & 0xFF) <= 0xBF));
        }
        assertThat(decodeInChunks(bytes, chunk).finished()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void anEncodedSurrogateIsReplacedPerMaximalSubpart() {
        // ED A0 80: ED cannot be followed by A0, so ED, A0 and 80 are each ill-formed (the JDK says one U+FFFD).
        byte[] bytes = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'A'};
        assertThat(decodeInChunks(bytes, 1).finished()).isEqualTo("\uFFFD\uFFFD\uFFFDA");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFFFDA");
    }

    @Property(tries = 500)
    void decodesValidTextExactly(@ForAll @Size(max = 12) String text, @ForAll @IntRange(min = 1, max = 3) int chunk) {
        String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Decoded d = decodeInChunks(valid.getBytes(StandardCharsets.UTF_8), chunk);
        assertThat(d.state()).isZero();
        assertThat(d.text()).isEqualTo(valid);
    }
}
