package io.qat4j.core.tokenizer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Random text for tokenizer properties. */
final class TextArbitraries {
    private TextArbitraries() {}

    /**
     * Any Unicode text except U+2581 (which decodes to a space by design) and lone surrogates: ASCII
     * and whitespace runs, accented Latin, combining marks, CJK, Hangul, emoji, private use, any
     * code point, and control-token texts.
     */
    static Arbitrary<String> unicodeText() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E).map(Character::toString)),
                Tuple.of(2, Arbitraries.of(" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00A0", "\u3000")),
                Tuple.of(2, Arbitraries.integers().between(0xA0, 0x24F).map(Character::toString)),
                Tuple.of(1, Arbitraries.integers().between(0x300, 0x36F).map(Character::toString)),
                Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FFF).map(Character::toString)),
                Tuple.of(1, Arbitraries.integers().between(0xAC00, 0xD7A3).map(Character::toString)),
                Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xF8FF).map(Character::toString)),
                Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(cp -> (cp < 0xD800 || cp > 0xDFFF) && cp != 0x2581).map(Character::toString)),
                Tuple.of(1, Arbitraries.of("<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>", "<unk>", "<0x41>",
                        "<table>", "<b", "_of_")));
        return piece.list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform())
                .map(list -> String.join("", list));
    }

    /** Text that reaches the merge loop untouched: no added or control token can match in it. */
    static Arbitrary<String> plainText(String alphabet, int maxLength) {
        int[] cps = alphabet.codePoints().toArray();
        return Arbitraries.of(java.util.Arrays.stream(cps).boxed().toList())
                .list().ofMaxSize(maxLength).withSizeDistribution(RandomDistribution.uniform())
                .map(l -> l.stream().map(Character::toString).reduce("", String::concat));
    }
}
