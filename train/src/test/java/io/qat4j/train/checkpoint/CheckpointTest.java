package io.qat4j.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.safetensors.SafetensorsWriter;
import io.qat4j.train.ArrayAssert;
import io.qat4j.train.SmallRun;
import io.qat4j.train.model.ParameterLayout;

class CheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsStateAndTensorsExactly() throws IOException {
        var model = SmallRun.model();
        var layout = new ParameterLayout(model);
        var r = new SplittableRandom(1);
        float[] p = new float[layout.size()], m = new float[layout.size()], v = new float[layout.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian();
            m[i] = (float) r.nextGaussian();
            v[i] = (float) r.nextDouble();
        }
        Path file = tmp.resolve("c.ckpt");
        var state = new TrainingState(42, -1234567890123L, model, "bytes", "{\"lr\":0.001}");
        Checkpoint.save(file, state, layout, p, m, v);
        var back = Checkpoint.load(file);
        assertThat(back.state().step()).isEqualTo(42);
        assertThat(back.state().samplerState()).isEqualTo(-1234567890123L);
        assertThat(back.state().tokenizer()).isEqualTo("bytes");
        assertThat(back.state().options()).isEqualTo("{\"lr\":0.001}");
        assertThat(back.state().model().localLayers()).containsExactly(model.localLayers());
        assertThat(back.state().model().ropeBaseGlobal()).isEqualTo(model.ropeBaseGlobal());
        ArrayAssert.assertSameBits("params", p, back.params());
        ArrayAssert.assertSameBits("m", m, back.firstMoments());
        ArrayAssert.assertSameBits("v", v, back.secondMoments());
    }

    @Test
    void rejectsFilesThatAreNotCheckpoints() throws IOException {
        Path file = tmp.resolve("plain.safetensors");
        new SafetensorsWriter().addF32("x", new long[] {1}, new float[] {1}).write(file);
        assertThatThrownBy(() -> Checkpoint.load(file)).hasMessageContaining("plain.safetensors")
                .hasMessageContaining("not a qat4j training checkpoint");
    }
}
