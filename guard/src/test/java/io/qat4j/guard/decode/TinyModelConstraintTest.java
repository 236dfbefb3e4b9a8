package io.qat4j.guard.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

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
    private static final int EOS = 1;
    private static final int END_OF_TURN = 328;

    @Test
    void aBiasedModelNeverWritesTheBannedWord() throws Exception {
        try (var model = Gemma3Model.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"), 1)) {
            TokenVocabulary vocab = GgufTokenBytes.of(model.file().metadata());
            var constraint = DecodeConstraint.fromGuidelines(Yaml.parse("""
                    - {id: rivals, kind: competitors, severity: error, on_fail: reask, names: [Gemma]}
                    """), vocab);
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
                String free = generate(model, vocab, new Sampler(config(seed), List.of(bias)));
                if (banned.matcher(free).find()) {
                    unconstrainedHits++;
                }
                String governed = generate(model, vocab, new Sampler(config(seed), List.of(bias, constraint.newProcessor())));
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

    private static String generate(Gemma3Model model, TokenVocabulary vocab, Sampler sampler) {
        int n = model.config().vocabSize();
        var state = model.newState(MAX_TOKENS + 1, MAX_TOKENS + 1);
        int[] history = new int[MAX_TOKENS + 1];
        history[0] = 2; // <bos>
        int length = 1;
        float[] logits = new float[n];
        model.forward(state, history, 0, 1, logits, false);
        var text = new ByteArrayOutputStream();
        while (length <= MAX_TOKENS) {
            int t = sampler.sample(logits, n, history, length);
            if (t == EOS || t == END_OF_TURN) {
                break;
            }
            history[length++] = t;
            text.writeBytes(vocab.tokenBytes(t));
            if (length <= MAX_TOKENS) {
                model.forward(state, history, length - 1, 1, logits, false);
            }
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
