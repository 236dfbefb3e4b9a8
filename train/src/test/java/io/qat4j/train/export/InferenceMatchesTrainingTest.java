package io.qat4j.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.infer.Gemma3Model;
import io.qat4j.train.SmallRun;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.Trainer;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.ops.FastOps;

/**
 * Issue 3's acceptance: a model trained a few steps and exported gives, in the inference engine, the logits
 * the training forward pass gives for the same tokens, byte-level and with a trained vocabulary.
 */
class InferenceMatchesTrainingTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @Test
    void byteLevelModel() throws IOException {
        Path data = SmallRun.corpus(tmp, 30_000);
        assertSameLogits(data, "bytes");
    }

    @Test
    void modelWithATrainedVocabulary() throws IOException {
        Path data = SmallRun.corpus(tmp, 30_000);
        Path vocab = SmallRun.vocabulary(data, 320);
        assertSameLogits(data, vocab.toString());
    }

    private void assertSameLogits(Path data, String tokenizer) throws IOException {
        Tokenizer tok = Trainer.tokenizer(tokenizer);
        int vocabSize = tok.vocabSize();
        Path out = tmp.resolve("model.gguf");
        new Trainer(SmallRun.config(data, out, 10).model(SmallRun.model(vocabSize)).tokenizer(tokenizer).build())
                .run(TrainProgress.NONE);
        int context = SmallRun.model().contextLength(); // 64: eight sliding windows of 8
        int[] text = tok.encode(Files.readString(data, StandardCharsets.UTF_8).substring(1000, 3000));
        int[] tokens = new int[context];
        tokens[0] = tok.bosId();
        System.arraycopy(text, 0, tokens, 1, context - 1);

        float[] training;
        try (var ops = new FastOps(2)) {
            training = GgufImport.loadModel(out, 1, context, ops).logits(tokens);
        }
        float[] inference = new float[context * vocabSize];
        try (var model = Gemma3Model.load(out, 2)) {
            model.forward(model.newState(context, context), tokens, 0, context, inference, true);
        }
        double worst = 0;
        for (int i = 0; i < inference.length; i++) {
            worst = Math.max(worst, Math.abs(inference[i] - training[i]));
        }
        float largest = 0;
        for (float x : training) {
            largest = Math.max(largest, Math.abs(x));
        }
        System.out.printf("%s: %d tokens x %d logits, max |inference - training| = %.3g (largest logit %.2f)%n",
                tokenizer.equals("bytes") ? "bytes" : "trained vocabulary", context, vocabSize, worst, largest);
        assertThat(Arrays.stream(tokens).distinct().count()).as("distinct tokens fed").isGreaterThan(10);
        assertThat(worst).isLessThan(TOLERANCE);
    }
}
