package io.qat4j.guard.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The streaming decoder against the JDK's UTF-8 decoder, on any bytes split anywhere. */
class Utf8DecoderTest {

    /** Decodes {@code bytes} fed in chunks of {@code chunk}; returns the text and the final state. */
    private record Decoded(String text, int state) {
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

    @Property(tries = 2000)
    void decodesLikeTheJdkWhateverTheSplit(@ForAll @Size(max = 24) byte[] bytes, @ForAll @IntRange(min = 1, max = 5) int chunk) {
        Decoded d = decodeInChunks(bytes, chunk);
        // An incomplete sequence at the end is one U+FFFD for the JDK.
        String text = d.state() != 0 ? d.text() + '\uFFFD' : d.text();
        assertThat(text).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void decodesValidTextExactly(@ForAll @Size(max = 12) String text, @ForAll @IntRange(min = 1, max = 3) int chunk) {
        String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Decoded d = decodeInChunks(valid.getBytes(StandardCharsets.UTF_8), chunk);
        assertThat(d.state()).isZero();
        assertThat(d.text()).isEqualTo(valid);
    }
}
