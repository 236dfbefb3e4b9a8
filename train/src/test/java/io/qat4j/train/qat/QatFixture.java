package io.qat4j.train.qat;

import java.io.IOException;
import java.nio.file.Path;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.train.SmallRun;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.Trainer;

/** A small float teacher trained on the synthetic corpus, and QAT runs from it. */
final class QatFixture {
    final Path data;
    final Path teacher;

    private QatFixture(Path data, Path teacher) {
        this.data = data;
        this.teacher = teacher;
    }

    static QatFixture create(Path dir) throws IOException {
        Path data = SmallRun.corpus(dir, 30_000);
        Path teacher = dir.resolve("teacher.gguf");
        new Trainer(SmallRun.config(data, teacher, 20).build()).run(TrainProgress.NONE);
        return new QatFixture(data, teacher);
    }

    /** QAT's training options: the small run's, from the teacher, at a fine-tuning learning rate. */
    TrainConfig.Builder config(Path out, int steps) {
        return SmallRun.config(data, out, steps).init(teacher).lr(1e-3).warmupSteps(2);
    }

    QatOptions options(GgmlType type, QatLoss loss, boolean learnedScales) {
        return new QatOptions(teacher, type, loss, 2.0, null, learnedScales, 1.0, 0, null);
    }

    /** Runs QAT and returns the result (the recipe is closed). */
    io.qat4j.train.TrainResult run(TrainConfig config, QatOptions options, TrainProgress progress) throws IOException {
        try (var recipe = new QatRecipe(options, config)) {
            return new Trainer(config, recipe).run(progress);
        }
    }
}
