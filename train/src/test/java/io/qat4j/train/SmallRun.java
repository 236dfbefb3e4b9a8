package io.qat4j.train;

import java.io.IOException;
import java.nio.file.Path;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.testkit.SyntheticText;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.tokenizer.BpeOptions;
import io.qat4j.train.tokenizer.BpeProgress;
import io.qat4j.train.tokenizer.BpeTrainer;

/** A training run small enough for unit tests: a 2-layer model (one local, one global) on synthetic text. */
public final class SmallRun {
    private SmallRun() {}

    public static Gemma3Config model() {
        return model(ByteTokenizer.VOCAB_SIZE);
    }

    /** The same shape for a vocabulary of {@code vocabSize} tokens. */
    public static Gemma3Config model(int vocabSize) {
        return new Gemma3Config(vocabSize, 32, 2, 2, 1, 16, 64, 64, ModelPresets.RMS_EPS, ModelPresets.ROPE_BASE_GLOBAL,
                ModelPresets.ROPE_BASE_LOCAL, 1f, 8, Gemma3Config.periodicPattern(2, 2, 8), 0.25f, 0f);
    }

    /** Deterministic English-like text of about {@code bytes} bytes. */
    public static Path corpus(Path dir, int bytes) throws IOException {
        String[] words = {"the", "lord", "said", "unto", "moses", "and", "he", "went", "up", "into", "mountain", "of",
                "god", "people", "land", "water", "light", "day", "night", "was", "good"};
        return SyntheticText.write(dir.resolve("corpus.txt"), words, bytes, 17);
    }

    /** A BPE vocabulary of {@code size} tokens learned from the corpus's train split, written beside it. */
    public static Path vocabulary(Path corpus, int size) throws IOException {
        Path out = corpus.resolveSibling("vocab-" + size + ".gguf");
        new BpeTrainer(BpeOptions.ofVocabSize(size)).train(corpus, "train", BpeProgress.NONE).write(out);
        return out;
    }

    public static TrainConfig.Builder config(Path data, Path out, int steps) {
        return TrainConfig.builder(data, out).model(model()).steps(steps).batch(4).seqLen(32).lr(3e-3).warmupSteps(3)
                .evalInterval(6).evalWindows(4).checkpointInterval(4).threads(2).seed(5);
    }
}
