package io.qat4j.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** A trained vocabulary gives back any text it tokenizes, characters it never saw included (byte fallback). */
class BpeRoundTripProperties {
    /** Trained on English plus a little Latin-1, CJK and emoji (BpeTrainerTest's corpus). */
    private static final String CORPUS = BpeTrainerTest.smallCorpus();
    private static final BpeVocabulary VOCABULARY = new BpeTrainer(BpeOptions.ofVocabSize(500))
            .train(CORPUS, BpeProgress.NONE);
    private static final SentencePieceTokenizer TOKENIZER = new SentencePieceTokenizer(VOCABULARY.vocabulary());

    @Property(tries = 1000)
    void decodeOfEncodeIsTheText(@ForAll("unicode") String text) {
        int[] ids = TOKENIZER.encode(text, false, false);
        assertThat(TOKENIZER.decode(ids)).isEqualTo(text);
        assertThat(TOKENIZER.encode(text, true, false)).startsWith(ReservedTokens.BOS);
    }

    @Property(tries = 200)
    void unseenCharactersBecomeTheirUtf8Bytes(@ForAll("unseen") String character) {
        int[] ids = TOKENIZER.encode(character, false, false);
        byte[] utf8 = character.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ids).hasSize(utf8.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(ids[i]).isEqualTo(ReservedTokens.byteToken(utf8[i]));
        }
    }

    /**
     * Words the corpus has, runs of spaces and newlines, and any code point but U+2581 (SentencePiece's space
     * escape, which decodes to a space by design) and lone surrogates (which UTF-8 cannot hold).
     */
    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("the", "lord", " said", " unto", "café", "日本語", "🙂", "<bos>", "<0x41>")),
                Tuple.of(3, Arbitraries.of(" ", "  ", "\n", "\n\n", "\t", "\r\n")),
                Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E).map(Character::toString)),
                Tuple.of(3, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(cp -> (cp < 0xD800 || cp > 0xDFFF) && cp != 0x2581).map(Character::toString)));
        return piece.list().ofMaxSize(30).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> unseen() {
        return Arbitraries.integers().between(0x80, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .map(Character::toString)
                .filter(c -> !java.util.Arrays.asList(VOCABULARY.vocabulary().tokens()).contains(c)
                        && !CORPUS.contains(c));
    }
}
