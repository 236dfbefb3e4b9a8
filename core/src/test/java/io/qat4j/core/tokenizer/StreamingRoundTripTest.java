package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encoding then streaming-decoding gives the text back, on both golden vocabularies. */
class StreamingRoundTripTest {

    /** Feeds ids one at a time; every chunk must be complete text (no half surrogate pair). */
    static String streamDecode(Tokenizer tok, int[] ids, boolean skipSpecial) {
        var decoder = tok.newDecoder(skipSpecial);
        var sb = new StringBuilder();
        for (int id : ids) {
            String chunk = decoder.next(id);
            if (!chunk.isEmpty()) {
                assertThat(Character.isLowSurrogate(chunk.charAt(0))).as("chunk starts mid-character").isFalse();
                assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).as("chunk ends mid-character").isFalse();
            }
            sb.append(chunk);
        }
        return sb.append(decoder.finish()).toString();
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText();
    }

    @Property(tries = 300)
    void gemma3StreamingDecodeOfEncodeIsIdentity(@ForAll("text") String s) {
        var tok = GoldenTokenizers.gemma3();
        int[] ids = tok.encode(s, false, true);
        assertThat(streamDecode(tok, ids, false)).isEqualTo(s);
        assertThat(tok.decode(ids)).isEqualTo(s);
        assertThat(streamDecode(tok, tok.encode(s, true, true), false)).isEqualTo("<bos>" + s);
        // Without special parsing, control-token texts are plain text and survive skipping specials.
        assertThat(streamDecode(tok, tok.encode(s, true, false), true)).isEqualTo(s);
    }

    @Property(tries = 300)
    void tinySentencePieceStreamingDecodeOfEncodeIsIdentity(@ForAll("text") String s) {
        var tok = GoldenTokenizers.tiny();
        int[] ids = tok.encode(s, false, true);
        assertThat(streamDecode(tok, ids, false)).isEqualTo(s);
        assertThat(tok.decode(ids)).isEqualTo(s);
        assertThat(streamDecode(tok, tok.encode(s, true, false), true)).isEqualTo(s);
    }

    @Provide
    Arbitrary<int[]> tinyIds() {
        // Mostly byte tokens (ids 4..259), so ill-formed and split characters are frequent.
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(4, 259)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 328)))
                .list().ofMaxSize(30).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    @Property(tries = 1000)
    void streamingEqualsWholeDecodeForAnyIds(@ForAll("tinyIds") int[] ids) {
        var tok = GoldenTokenizers.tiny();
        assertThat(streamDecode(tok, ids, false)).isEqualTo(tok.decode(ids));
        assertThat(streamDecode(tok, ids, true)).isEqualTo(tok.decode(ids, true));
    }
}
