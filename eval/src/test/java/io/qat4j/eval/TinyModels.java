package io.qat4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.testkit.TestData;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.Trainer;
import io.qat4j.train.model.ModelPresets;

/** Test models and corpora made on the fly in a temporary folder (nothing from testdata is copied into the repo). */
final class TinyModels {
    /** A byte-level shape small enough to train in seconds, with one global layer among five local ones. */
    static final Gemma3Config BYTE_SHAPE = ModelPresets.gemma3(260, 32, 6, 2, 1, 16, 64, 16, 64);

    private TinyModels() {}

    /** The first {@code bytes} bytes of the KJV benchmark corpus, written to {@code dir}. */
    static Path kjvSlice(Path dir, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(TestData.file("corpus/kjv.txt"));
        Path out = dir.resolve("kjv-" + bytes + ".txt");
        Files.write(out, Arrays.copyOf(all, bytes));
        return out;
    }

    /** A byte-level model trained for a few steps on {@code corpus}, with its JSON-lines log beside it. */
    static Path trainBytes(Path dir, Path corpus, String name, long seed, int steps) throws IOException {
        Path out = dir.resolve(name + ".gguf");
        var config = TrainConfig.builder(corpus, out).model(BYTE_SHAPE).steps(steps).batch(4).seqLen(64).lr(3e-3)
                .warmupSteps(2).evalInterval(Math.max(1, steps / 3)).evalWindows(4).checkpointInterval(0).seed(seed)
                .threads(2).log(dir.resolve(name + ".gguf.log.jsonl")).build();
        new Trainer(config).run((step, total, loss, tokensPerSecond) -> {});
        return out;
    }

    static Path gemmaTiny(String variant) {
        return TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf");
    }
}
