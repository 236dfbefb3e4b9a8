package io.qat4j.train.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufValue;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.core.tokenizer.TokenType;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.testkit.TestData;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;

class BpeTrainerTest {
    @TempDir
    Path tmp;

    /** A few lines of English with accents, CJK and an emoji, each word frequent enough to merge. */
    static String smallCorpus() {
        String[] words = {"the", "lord", "said", "unto", "moses", "and", "he", "went", "up", "into", "mountain", "of",
                "café", "naïve", "señor", "日本語", "東京", "🙂", "Ελλάδα", "мир"};
        var r = new SplittableRandom(3);
        var sb = new StringBuilder();
        while (sb.length() < 20_000) {
            int n = 3 + r.nextInt(9);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : r.nextInt(20) == 0 ? "  " : " ").append(words[r.nextInt(words.length)]);
            }
            sb.append(r.nextInt(5) == 0 ? ".\n\n" : ".\n");
        }
        return sb.toString();
    }

    static BpeVocabulary train(String text, int vocab) {
        return new BpeTrainer(BpeOptions.ofVocabSize(vocab)).train(text, BpeProgress.NONE);
    }

    @Test
    void vocabularyStartsWithGemmasReservedTokensThenCharactersThenMergesScoredByRank() {
        BpeVocabulary v = train(smallCorpus(), 400);
        GgufVocabulary g = v.vocabulary();
        String[] tokens = g.tokens();
        TokenType[] types = g.types();
        float[] scores = g.scores();
        assertThat(v.size()).isEqualTo(400);
        assertThat(Arrays.copyOf(tokens, 4)).containsExactly("<pad>", "<eos>", "<bos>", "<unk>");
        assertThat(Arrays.copyOf(types, 4)).containsExactly(TokenType.CONTROL, TokenType.CONTROL, TokenType.CONTROL,
                TokenType.UNKNOWN);
        for (int b = 0; b < 256; b++) {
            assertThat(tokens[4 + b]).isEqualTo(String.format("<0x%02X>", b));
            assertThat(types[4 + b]).isEqualTo(TokenType.BYTE);
        }
        assertThat(tokens[260]).isEqualTo("<start_of_turn>");
        assertThat(tokens[261]).isEqualTo("<end_of_turn>");
        assertThat(types[260]).isEqualTo(TokenType.CONTROL);
        assertThat(types[261]).isEqualTo(TokenType.CONTROL);
        assertThat(new int[] {g.padId(), g.eosId(), g.bosId(), g.unkId()}).containsExactly(0, 1, 2, 3);
        assertThat(g.addBos()).isTrue();
        assertThat(g.addEos()).isFalse();
        assertThat(g.addSpacePrefix()).isFalse();

        int first = ReservedTokens.COUNT + v.alphabetSize();
        for (int id = ReservedTokens.COUNT; id < v.size(); id++) {
            assertThat(types[id]).isEqualTo(TokenType.NORMAL);
            assertThat(tokens[id].codePointCount(0, tokens[id].length()) == 1).as("piece %d '%s'", id, tokens[id])
                    .isEqualTo(id < first);
        }
        assertThat(tokens).contains("▁", "▁the", "café", "日本語");
        List<BpeMerge> merges = v.merges();
        assertThat(merges).hasSize(v.size() - first);
        for (int r = 0; r < merges.size(); r++) {
            BpeMerge m = merges.get(r);
            assertThat(m.id()).isEqualTo(first + r);
            assertThat(tokens[m.id()]).isEqualTo(tokens[m.left()] + tokens[m.right()]);
            assertThat(scores[m.id()]).isEqualTo(-(float) r);
        }
    }

    @Test
    void theVocabularyTokenizesItsTrainingTextIntoExactlyTheMergesTrainingMade() {
        String text = smallCorpus();
        Replay.assertReplays(train(text, 300), text);
        Replay.assertReplays(train(text, 600), text);
    }

    @Test
    void kjvTrainSplitToFourThousandTokensInSecondsAndReplaysExactly() throws IOException {
        byte[] kjv = Corpus.read(TestData.file("corpus/kjv.txt"));
        String text = new String(CorpusSplit.of(kjv).train(), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        BpeVocabulary v = train(text, 4096);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BPE on the KJV train split (%d bytes, %d distinct words) to 4096 tokens: %.2f s, %d merges, "
                + "%d skipped%n", text.length(), v.distinctWords(), seconds, v.merges().size(), v.skippedMerges());
        assertThat(seconds).as("training time").isLessThan(30);
        assertThat(v.size()).isEqualTo(4096);
        int[] ids = Replay.assertReplays(v, text);
        double bytesPerToken = (double) text.length() / ids.length;
        System.out.printf("KJV train split: %d tokens, %.2f bytes per token%n", ids.length, bytesPerToken);
        assertThat(bytesPerToken).isGreaterThan(3.5);
    }

    /**
     * Random text over a few letters, full of overlapping pairs: the vocabulary replays the merges on every
     * training word, the incremental pair counts pick the same merges as recounting from scratch, and on
     * unseen words the score-driven tokenizer agrees with plain BPE too (merge lists made by BPE training
     * replay under score order; the trainer's skip rules are a guarantee, not a workaround).
     */
    @Test
    void randomSmallCorporaReplayExactlyAndMatchTextbookBpe() {
        var r = new SplittableRandom(11);
        String letters = "aab c\n";
        int unseenWords = 0;
        for (int trial = 0; trial < 300; trial++) {
            String text = randomText(r, letters, 1 + r.nextInt(300));
            var options = new BpeOptions(ReservedTokens.COUNT + 4 + r.nextInt(60), 1, 1000);
            BpeVocabulary v = new BpeTrainer(options).train(text, BpeProgress.NONE);
            try {
                Replay.assertReplays(v, text);
                assertThat(v.merges()).isEqualTo(NaiveBpeTrainer.merges(text, options));
                var sp = new SentencePieceTokenizer(v.vocabulary());
                var reference = new ReferenceBpe(v.vocabulary(), v.merges());
                for (int k = 0; k < 20; k++) {
                    String word = randomText(r, "abc", 1 + r.nextInt(12));
                    Replay.assertSameTokens("unseen word '" + word + "'", reference.apply(word), sp.encode(word, false, false));
                    unseenWords++;
                }
            } catch (AssertionError e) {
                throw new AssertionError("trial " + trial + ", " + options + ", text '" + text + "': " + e.getMessage(), e);
            }
        }
        assertThat(unseenWords).isEqualTo(6000);
    }

    private static String randomText(SplittableRandom r, String letters, int length) {
        var sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        return sb.toString();
    }

    @Test
    void reservedTokenNamesInTheTextStayText() {
        String text = "<0x41> <bos> <start_of_turn>user hi<end_of_turn> <unk> <pad> <eos>\n".repeat(200);
        BpeVocabulary v = train(text, 500);
        assertThat(v.skippedMerges()).as("merges that would spell a reserved token").isPositive();
        Replay.assertReplays(v, text);
        var sp = new SentencePieceTokenizer(v.vocabulary());
        int[] ids = sp.encode(text, false, false);
        for (int id : ids) {
            assertThat(id).as("no reserved token comes out of plain text").isGreaterThanOrEqualTo(ReservedTokens.COUNT);
        }
        assertThat(sp.decode(ids)).isEqualTo(text);
        int[] special = sp.encode("<start_of_turn>user", false, true);
        assertThat(special[0]).isEqualTo(ReservedTokens.START_OF_TURN);
    }

    @Test
    void rareCharactersFallBackToBytes() {
        String text = "✓ " + smallCorpus();
        BpeVocabulary v = train(text, 400);
        assertThat(v.vocabulary().tokens()).doesNotContain("✓");
        assertThat(v.segmentation().get("✓")).containsExactly(ReservedTokens.byteToken(0xE2),
                ReservedTokens.byteToken(0x9C), ReservedTokens.byteToken(0x93));
        Replay.assertReplays(v, text);
        BpeVocabulary keepAll = new BpeTrainer(new BpeOptions(400, 1, 16)).train(text, BpeProgress.NONE);
        assertThat(keepAll.vocabulary().tokens()).contains("✓");
    }

    @Test
    void writesTheTokenizerKeysOfTheGemmaFixtureWithTheSameTypesAndReadsBack() throws IOException {
        BpeVocabulary v = train(smallCorpus(), 400);
        Path out = tmp.resolve("tok.gguf");
        v.write(out);
        try (GgufFile ours = GgufReader.open(out);
                GgufFile fixture = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"))) {
            var expected = fixture.metadata().entries();
            int checked = 0;
            for (var e : expected.entrySet()) {
                if (!e.getKey().startsWith("tokenizer.")) {
                    continue;
                }
                GgufValue mine = ours.metadata().get(e.getKey()).orElseThrow(() -> new AssertionError("missing " + e.getKey()));
                assertThat(mine.type()).as(e.getKey()).isEqualTo(e.getValue().type());
                if (mine.value() instanceof io.qat4j.core.gguf.GgufArray a) {
                    var fa = (io.qat4j.core.gguf.GgufArray) e.getValue().value();
                    assertThat(a.elementType()).as(e.getKey() + " elements").isEqualTo(fa.elementType());
                    assertThat(a.length()).isEqualTo(400);
                } else if (!e.getKey().equals("tokenizer.ggml.model") && !e.getKey().equals("tokenizer.ggml.pre")) {
                    assertThat(mine).as(e.getKey() + " (Gemma's value)").isEqualTo(e.getValue());
                }
                checked++;
            }
            assertThat(checked).isEqualTo(12);
            assertThat(ours.metadata().getString("tokenizer.ggml.model")).isEqualTo("llama");
            assertThat(ours.tensors()).isEmpty();
            assertThat(GgufVocabulary.read(ours.metadata())).isEqualTo(v.vocabulary());
        }
        var loaded = Tokenizers.load(out);
        String text = "the lord said unto café 日本語 ✓";
        assertThat(loaded.encode(text, true, false))
                .containsExactly(new SentencePieceTokenizer(v.vocabulary()).encode(text, true, false));
        assertThat(loaded.decode(loaded.encode(text, false, false))).isEqualTo(text);
    }

    @Test
    void sameInputGivesTheSameFile() throws IOException {
        String text = smallCorpus();
        train(text, 500).write(tmp.resolve("a.gguf"));
        train(text, 500).write(tmp.resolve("b.gguf"));
        assertThat(Files.mismatch(tmp.resolve("a.gguf"), tmp.resolve("b.gguf"))).isEqualTo(-1L);
    }

    @Test
    void clearErrorsForATooSmallVocabularyAndAnEmptyCorpus() {
        assertThatThrownBy(() -> BpeOptions.ofVocabSize(262)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262").hasMessageContaining("at least 263");
        assertThatThrownBy(() -> train("", 300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no text");
        assertThatThrownBy(() -> new BpeOptions(300, 0, 16)).hasMessageContaining("character count");
    }

    @Test
    void aCorpusTooSmallForTheVocabularyGivesASmallerOne() {
        BpeVocabulary v = train("abab abab abab", 1000);
        assertThat(v.size()).isLessThan(1000);
        assertThat(v.vocabulary().tokens()).contains("abab", "▁abab");
        Replay.assertReplays(v, "abab abab abab");
    }
}
