package io.qat4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTrainLogFormatAndSkipsATornLastLine() throws IOException {
        Path f = dir.resolve("tiny.gguf.log.jsonl");
        Files.writeString(f, """
                {"step":1,"loss":5.5,"lr":0.001,"grad_norm":1.2,"tokens_per_s":9000.0}
                {"step":2,"loss":5.0,"lr":0.001,"grad_norm":1.1,"tokens_per_s":9100.0,"val_loss":4.9,"val_bpb":7.07}

                {"step":3,"loss":4.""");
        var log = TrainingLog.read(f);
        assertThat(log.name()).isEqualTo("tiny");
        assertThat(log.points()).hasSize(2);
        assertThat(log.points().get(0).step()).isEqualTo(1);
        assertThat(log.points().get(0).loss()).isEqualTo(5.5);
        assertThat(log.points().get(0).valBpb()).isNaN();
        assertThat(log.points().get(1).valLoss()).isEqualTo(4.9);
        assertThat(log.points().get(1).valBpb()).isEqualTo(7.07);
        assertThat(log.hasValidation()).isTrue();
    }

    @Test
    void badLogsAreNamed() throws IOException {
        assertThatThrownBy(() -> TrainingLog.read(dir.resolve("none.jsonl"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("none.jsonl");
        Path noLoss = dir.resolve("a.jsonl");
        Files.writeString(noLoss, "{\"step\":1}\n{\"step\":2,\"loss\":1}\n");
        assertThatThrownBy(() -> TrainingLog.read(noLoss)).hasMessageContaining("a.jsonl line 1")
                .hasMessageContaining("'step' and 'loss'");
        Path garbage = dir.resolve("b.jsonl");
        Files.writeString(garbage, "not json\n{\"step\":2,\"loss\":1}\n");
        assertThatThrownBy(() -> TrainingLog.read(garbage)).hasMessageContaining("b.jsonl line 1: not JSON");
        Path empty = dir.resolve("c.jsonl");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> TrainingLog.read(empty)).hasMessageContaining("holds no steps");
    }
}
