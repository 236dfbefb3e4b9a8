package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The byte-at-a-time UTF-8 assembler against the JDK's decoder. */
class Utf8AssemblerTest {

    /** Bytes biased towards UTF-8 lead and continuation bytes, so ill-formed sequences are common. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<Integer> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x00, 0x7F)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x80, 0xBF)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0xC0, 0xFF)));
        return b.list().ofMaxSize(40).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (int) list.get(i);
            }
            return out;
        });
    }

    private static String assemble(byte[] input) {
        var sb = new StringBuilder();
        var utf8 = new Utf8Assembler(sb);
        for (byte x : input) {
            utf8.acceptByte(x);
        }
        utf8.finish();
        return sb.toString();
    }

    /**
     * The JDK replaces an encoded surrogate (ED A0..BF) as one unit where Unicode's maximal-subpart
     * practice replaces each byte, so inputs holding one are left to the examples below.
     */
    @Property(tries = 2000)
    void matchesTheJdkDecoderOnAnyBytes(@ForAll("bytes") byte[] input) {
        for (int i = 0; i + 1 < input.length; i++) {
            if ((input[i] & 0xFF) == 0xED && (input[i + 1] & 0xFF) >= 0xA0 && (input[i + 1] & 0xFF) <= 0xBF) {
                return;
            }
        }
        assertThat(assemble(input)).isEqualTo(new String(input, StandardCharsets.UTF_8));
    }

    /** Expected values from Python's bytes.decode("utf-8", "replace"), which follows the maximal-subpart practice. */
    @Example
    void encodedSurrogatesAreReplacedBytewise() {
        assertThat(assemble(new byte[] {(byte) 0xED, (byte) 0xA0})).isEqualTo("\uFFFD\uFFFD");
        assertThat(assemble(new byte[] {(byte) 0xED, (byte) 0xA0, 0x41})).isEqualTo("\uFFFD\uFFFDA");
        assertThat(assemble(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo("\uFFFD\uFFFD\uFFFD");
        assertThat(assemble(new byte[] {(byte) 0xED, (byte) 0x9F, (byte) 0xBF})).isEqualTo("\uD7FF");
    }

    @Property(tries = 500)
    void encodesCodePointsAsTheJdkDoes(@ForAll("codePoints") int cp) {
        byte[] buf = new byte[4];
        int n = Utf8.encode(cp, buf);
        String s = Character.isSurrogate((char) cp) && cp < 0x10000 ? "\uFFFD" : Character.toString(cp);
        assertThat(java.util.Arrays.copyOf(buf, n)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Integer> codePoints() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 0x10FFFF),
                Arbitraries.integers().between(0xD800, 0xDFFF), Arbitraries.of(0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000));
    }
}
