package io.qat4j.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import io.qat4j.core.tokenizer.SentencePieceTokenizer;

/** Checks that a trained vocabulary tokenizes text exactly as its merges say. */
final class Replay {
    private Replay() {}

    /**
     * For every training word: the trainer's own segmentation, plain BPE with the merge list, and
     * qat4j's SentencePiece tokenizer over the vocabulary give the same tokens; and tokenizing the whole
     * text gives the words' tokens one after the other.
     *
     * @return the tokens of the whole text
     */
    static int[] assertReplays(BpeVocabulary v, String text) {
        var sp = new SentencePieceTokenizer(v.vocabulary());
        var reference = new ReferenceBpe(v.vocabulary(), v.merges());
        Map<String, int[]> segmentation = v.segmentation();
        for (var e : segmentation.entrySet()) {
            String word = e.getKey();
            assertSameTokens("plain BPE of '" + word + "'", e.getValue(), reference.apply(word));
            assertSameTokens("SentencePiece tokens of '" + word + "'", e.getValue(),
                    sp.encode(word.replace(WordSplitter.SPACE, ' '), false, false));
        }
        var whole = IntStream.builder();
        WordSplitter.forEachWord(text, word -> Arrays.stream(segmentation.get(word)).forEach(whole::add));
        int[] tokens = sp.encode(text, false, false);
        assertSameTokens("SentencePiece tokens of the whole text", whole.build().toArray(), tokens);
        return tokens;
    }

    static void assertSameTokens(String what, int[] expected, int[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError(what + ": token " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " (expected " + window(expected, i) + ", got " + window(actual, i) + ")");
            }
        }
        assertThat(actual.length).as(what + ": number of tokens").isEqualTo(expected.length);
    }

    private static String window(int[] a, int i) {
        return Arrays.toString(Arrays.copyOfRange(a, Math.max(0, i - 3), Math.min(a.length, i + 4)));
    }
}
