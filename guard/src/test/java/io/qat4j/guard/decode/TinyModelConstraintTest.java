package io.qat4j.guard.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.guard.Yaml;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.sampling.LogitProcessor;
import io.qat4j.infer.sampling.Sampler;
import io.qat4j.infer.sampling.SamplerConfig;
import io.qat4j.testkit.TestData;

/**
 * Acceptance: the tiny Gemma 3 model, pushed hard towards "gemma" by a logit bias on every piece
 * that spells part of it (whole-word pieces, sub-word pieces, byte-fallback bytes in both
 * casings), writes it often without the constraint (about half of the seeds) and never with it.
 */
class TinyModelConstraintTest {
    private static final int SEEDS = 100;
    private static final int MAX_TOKENS = 40;
    private static final float BIAS = 5f;

    @Test
    void tokenizerBytesFollowTheDecodingRule() throws Exception {
        Tokenizer tokenizer = Tokenizers.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
        TokenVocabulary vocab = TokenVocabulary.of(tokenizer);
        assertThat(vocab.size()).isEqualTo(329);
        assertThat(vocab.tokenBytes(297)).isEqualTo(" gemma".getBytes(StandardCharsets.UTF_8));
        assertThat(vocab.tokenBytes(4 + 0xC3)).containsExactly((byte) 0xC3);
        assertThat(vocab.tokenBytes(327)).as("<start_of_turn>").isEmpty();
        for (int id = 0; id < vocab.size(); id++) {
            assertThat(new String(vocab.tokenBytes(id), StandardCharsets.UTF_8)).as("token %d", id)
                    .isEqualTo(tokenizer.decode(new int[] {id}, true));
        }
    }

    @Test
    void aBiasedModelNeverWritesTheBannedWord() throws Exception {
        Path file = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
        try (var model = Gemma3Model.load(file, 1)) {
            Tokenizer tokenizer = Tokenizers.load(file);
            TokenVocabulary vocab = TokenVocabulary.of(tokenizer);
            var constraint = DecodeConstraint.fromGuidelines(Yaml.parse("""
                    - {id: rivals, kind: competitors, severity: error, on_fail: reask, names: [Gemma]}
                    """), tokenizer);
            List<Integer> pieces = piecesOf("gemma", vocab);
            assertThat(pieces.size()).as("pieces that spell gemma, including byte tokens").isGreaterThan(15);
            LogitProcessor bias = (logits, n, history, length) -> {
                for (int t : pieces) {
                    logits[t] += BIAS;
                }
            };
            Pattern banned = DecodeConstraintTest.bannedPattern(List.of("gemma"));
            int unconstrainedHits = 0;
            int constrainedChars = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                String free = generate(model, tokenizer, new Sampler(config(seed), List.of(bias)));
                if (banned.matcher(free).find()) {
                    unconstrainedHits++;
                }
                String governed = generate(model, tokenizer, new Sampler(config(seed), List.of(bias, constraint.newProcessor())));
                assertThat(banned.matcher(governed).find()).as("seed %d wrote: %s", seed, governed).isFalse();
                constrainedChars += governed.length();
            }
            assertThat(unconstrainedHits).as("without the constraint the bias makes the model write it").isGreaterThan(SEEDS / 4);
            assertThat(constrainedChars).as("the constrained model still writes").isGreaterThan(SEEDS * MAX_TOKENS / 2);
        }
    }

    private static SamplerConfig config(long seed) {
        return new SamplerConfig(1f, 0, 1f, 0f, 1f, 64, seed);
    }

    /** Tokens whose text, lower-cased and without spaces, is a non-empty part of {@code word}. */
    private static List<Integer> piecesOf(String word, TokenVocabulary vocab) {
        var pieces = new ArrayList<Integer>();
        for (int t = 0; t < vocab.size(); t++) {
            String text = new String(vocab.tokenBytes(t), StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
            if (!text.isEmpty() && word.contains(text)) {
                pieces.add(t);
            }
        }
        return pieces;
    }

    /** Samples up to MAX_TOKENS after {@code <bos>} and decodes them as the tokenizer does for output. */
    private static String generate(Gemma3Model model, Tokenizer tokenizer, Sampler sampler) {
        int n = model.config().vocabSize();
        var state = model.newState(MAX_TOKENS + 1, MAX_TOKENS + 1);
        int[] history = new int[MAX_TOKENS + 1];
        history[0] = 2; // <bos>
        int length = 1;
        float[] logits = new float[n];
        model.forward(state, history, 0, 1, logits, false);
        while (length <= MAX_TOKENS) {
            int t = sampler.sample(logits, n, history, length);
            if (tokenizer.isEndOfGeneration(t)) {
                break;
            }
            history[length++] = t;
            if (length <= MAX_TOKENS) {
                model.forward(state, history, length - 1, 1, logits, false);
            }
        }
        return tokenizer.decode(Arrays.copyOfRange(history, 1, length), true);
    }
}
