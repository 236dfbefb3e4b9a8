package io.qat4j.train.qat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;
import io.qat4j.train.TrainerTest;

/**
 * QAT runs through the shared training loop: a stopped and resumed run (learned scales, distillation,
 * teacher cache) equals an uninterrupted one bit for bit; a top-k cache holding every logit gives the
 * same numbers as the live teacher, and a second run that reads the whole cache back never runs the
 * teacher and gives them again.
 */
class QatTrainingTest {
    @TempDir
    static Path tmp;
    static QatFixture fixture;

    @BeforeAll
    static void teacher() throws IOException {
        fixture = QatFixture.create(tmp);
    }

    QatOptions cached(Path cache, int k) {
        return new QatOptions(fixture.teacher, GgmlType.Q4_0, QatLoss.KD, 2.0, "q4_0", true, 1.0, k, cache);
    }

    @Test
    void stoppedAndResumedQatEqualsAnUninterruptedRun() throws IOException {
        Path cache = tmp.resolve("resume.cache");
        Path outA = tmp.resolve("a.gguf");
        var a = fixture.run(fixture.config(outA, 10).log(tmp.resolve("a.jsonl")).build(), cached(cache, 16),
                TrainProgress.NONE);

        Path outB = tmp.resolve("b.gguf");
        var configB = fixture.config(outB, 10).log(tmp.resolve("b.jsonl")).build();
        TrainResult stopped;
        try (var recipe = new QatRecipe(cached(tmp.resolve("resume-b.cache"), 16), configB)) {
            var trainer = new Trainer[1];
            trainer[0] = new Trainer(configB, recipe);
            stopped = trainer[0].run((step, total, loss, tps) -> {
                if (step == 4) {
                    trainer[0].requestStop();
                }
            });
        }
        assertThat(stopped.stopped()).isTrue();
        var b = fixture.run(fixture.config(outB, 10).log(tmp.resolve("b.jsonl")).resume(stopped.checkpoint()).build(),
                cached(tmp.resolve("resume-b.cache"), 16), TrainProgress.NONE);
        assertThat(b.lastLoss()).isEqualTo(a.lastLoss());
        assertThat(Files.mismatch(outA, outB)).as("exported GGUFs differ").isEqualTo(-1L);
        assertThat(TrainerTest.logWithoutTimings(tmp.resolve("b.jsonl")))
                .isEqualTo(TrainerTest.logWithoutTimings(tmp.resolve("a.jsonl")));
    }

    @Test
    void aCacheOfEveryLogitGivesTheLiveTeachersNumbersAndIsReusedWithoutTheTeacher() throws IOException {
        Path live = tmp.resolve("live.gguf");
        var liveOptions = new QatOptions(fixture.teacher, GgmlType.Q4_0, QatLoss.KD, 2.0, "q4_0", true, 1.0, 0, null);
        fixture.run(fixture.config(live, 6).build(), liveOptions, TrainProgress.NONE);

        Path cache = tmp.resolve("all.cache");
        Path first = tmp.resolve("first.gguf");
        fixture.run(fixture.config(first, 6).build(), cached(cache, 260), TrainProgress.NONE);
        assertThat(Files.mismatch(live, first)).as("cached (k = vocab) vs live teacher").isEqualTo(-1L);

        long cacheBytes = Files.size(cache);
        Path second = tmp.resolve("second.gguf");
        var config = fixture.config(second, 6).build();
        long passes;
        try (var recipe = new QatRecipe(cached(cache, 260), config)) {
            new Trainer(config, recipe).run(TrainProgress.NONE);
            passes = recipe.teacherPasses();
        }
        assertThat(passes).as("teacher forward passes with a full cache").isZero();
        assertThat(Files.size(cache)).isEqualTo(cacheBytes);
        assertThat(Files.mismatch(live, second)).isEqualTo(-1L);
    }

    @Test
    void aCacheForAnotherTeacherOrOtherBatchesIsRefused() throws IOException {
        Path cache = tmp.resolve("other.cache");
        fixture.run(fixture.config(tmp.resolve("x.gguf"), 2).build(), cached(cache, 8), TrainProgress.NONE);
        assertThatThrownBy(() -> fixture.run(fixture.config(tmp.resolve("y.gguf"), 2).build(), cached(cache, 4),
                TrainProgress.NONE)).hasMessageContaining(cache.toString()).hasMessageContaining("made for");
        assertThatThrownBy(() -> fixture.run(fixture.config(tmp.resolve("z.gguf"), 2).seed(99).build(), cached(cache, 8),
                TrainProgress.NONE)).hasMessageContaining(cache.toString()).hasMessageContaining("other tokens");
    }

    @Test
    void qatLowersTheDistillationLossOfTheQuantizedStudent() throws IOException {
        var losses = new java.util.ArrayList<Double>();
        var options = new QatOptions(fixture.teacher, GgmlType.Q4_0, QatLoss.KD, 1.0, "q4_0", false, 1.0, 0, null);
        fixture.run(fixture.config(tmp.resolve("kd.gguf"), 12).lr(3e-3).build(), options,
                (step, total, loss, tps) -> losses.add(loss));
        double firstThree = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
        double lastThree = (losses.get(9) + losses.get(10) + losses.get(11)) / 3;
        assertThat(lastThree).isLessThan(firstThree);
    }
}
