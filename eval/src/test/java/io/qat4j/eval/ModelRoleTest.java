package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ModelRoleTest {

    @Test
    void rolesComeFromTheWordsOfTheLabel() {
        assertThat(ModelRole.of("float")).isEqualTo(ModelRole.FLOAT);
        assertThat(ModelRole.of("gemma3-tiny-f32")).isEqualTo(ModelRole.FLOAT);
        assertThat(ModelRole.of("tiny.BF16")).isEqualTo(ModelRole.FLOAT);
        assertThat(ModelRole.of("Q4_0 RTN")).isEqualTo(ModelRole.RTN);
        assertThat(ModelRole.of("tiny-q4_0-rtn")).isEqualTo(ModelRole.RTN);
        assertThat(ModelRole.of("q4_0-calib")).isEqualTo(ModelRole.PTQ);
        assertThat(ModelRole.of("Q4_0 QAT-kd")).isEqualTo(ModelRole.QAT);
        assertThat(ModelRole.of("float-control")).as("control wins over float").isEqualTo(ModelRole.CONTROL);
        assertThat(ModelRole.of("qat-from-f32")).as("qat wins over float").isEqualTo(ModelRole.QAT);
        assertThat(ModelRole.of("gemma3-tiny-q4_0")).isEqualTo(ModelRole.OTHER);
        assertThat(ModelRole.of("controller")).as("whole words only").isEqualTo(ModelRole.OTHER);
    }

    @Test
    void aModelsDefaultLabelIsItsFileNameWithoutGguf() {
        var spec = ModelSpec.of(Path.of("/m/tiny-q4_0-rtn.gguf"));
        assertThat(spec.label()).isEqualTo("tiny-q4_0-rtn");
        assertThat(spec.role()).isEqualTo(ModelRole.RTN);
        assertThat(new ModelSpec(Path.of("/m/x.gguf"), "Q4_0 QAT").role()).isEqualTo(ModelRole.QAT);
    }
}
