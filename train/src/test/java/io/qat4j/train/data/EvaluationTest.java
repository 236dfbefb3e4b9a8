package io.qat4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.qat4j.train.SmallRun;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.tokenizer.BpeOptions;
import io.qat4j.train.tokenizer.BpeProgress;
import io.qat4j.train.tokenizer.BpeTrainer;

class EvaluationTest {
    @Test
    void bitsPerByteDivideByTheBytesOfTheScoredTokensWhateverTheTokenizer() {
        String text = GgufTokenizerTest.mixedText(6_000, 5);
        byte[] utf8 = text.replace('▁', ' ').getBytes(StandardCharsets.UTF_8);
        var tok = GgufTokenizer.of("eval", new BpeTrainer(BpeOptions.ofVocabSize(400)).train(text, BpeProgress.NONE)
                .vocabulary());
        int[] tokens = tok.encode(utf8);
        assertThat(tokens.length).isLessThan(utf8.length / 2);
        int seqLen = 16;
        try (var ops = new FastOps(2)) {
            var model = new GemmaModel(SmallRun.model(tok.vocabSize()), 4, seqLen, ops);
            ModelInit.initialize(model.layout(), model.parameters(), 3);

            Evaluation whole = Evaluation.run(model, tokens, tok, seqLen, 0);
            assertThat(whole.tokens()).isEqualTo(tokens.length);
            assertThat(whole.bytes()).isEqualTo(utf8.length);
            assertThat(whole.bitsPerByte()).isEqualTo(whole.nats() / utf8.length / Math.log(2));

            Evaluation firstWindows = Evaluation.run(model, tokens, tok, seqLen, 3);
            long bytes = 0;
            for (int i = 0; i < 3 * seqLen; i++) {
                bytes += tok.byteCount(tokens[i]);
            }
            assertThat(firstWindows.tokens()).isEqualTo(3 * seqLen);
            assertThat(firstWindows.bytes()).isEqualTo(bytes);
            assertThat(bytes).isGreaterThan(2L * firstWindows.tokens());
        }
    }
}
