package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class GapRecoveryTest {

    /** A result whose bits per byte is exactly {@code bpb} (1000 bytes, nats chosen to match). */
    static ModelResult model(String label, String type, double bpb) {
        return new ModelResult("/m/" + label + ".gguf", label, ModelRole.of(label), type, 260, 256, 4, 1000, 1000,
                bpb * Math.log(2) * 1000, null, null, 1000, 2000, null, null, 1.0, null);
    }

    /** The same with a known embedding type. */
    static ModelResult model(String label, String type, String embedding, double bpb) {
        return new ModelResult("/m/" + label + ".gguf", label, ModelRole.of(label), type, embedding, 260, 256, 4, 1000,
                1000, bpb * Math.log(2) * 1000, null, null, 1000, 2000, null, null, 1.0, null);
    }

    private static Double recovered(List<ModelResult> results, String label) {
        return GapRecovery.apply(results).stream().filter(m -> m.label().equals(label)).findFirst().orElseThrow()
                .rtnGapRecovered();
    }

    @Test
    void theFormula() {
        assertThat(GapRecovery.fraction(1.7345, 1.7330, 1.7376, 1.7336)).isCloseTo(1 - 0.0015 / 0.0040, within(1e-12));
        assertThat(GapRecovery.fraction(1.7376, 1.7336, 1.7376, 1.7336)).isCloseTo(0, within(1e-12));
        assertThat(GapRecovery.fraction(1.7330, 1.7330, 1.7376, 1.7336)).isEqualTo(1.0);
    }

    @Test
    void eachQuantizedModelIsMeasuredAgainstTheRtnModelOfItsTypeAndTheControl() {
        var results = List.of(model("float", "F32", 2.000), model("q8_0-rtn", "Q8_0", 2.002),
                model("q4_0-rtn", "Q4_0", 2.040), model("q4_0-qat", "Q4_0", 2.010), model("q8_0-qat", "Q8_0", 2.001),
                model("control", "F32", 1.990));
        assertThat(recovered(results, "q4_0-qat")).isCloseTo(1 - (2.010 - 1.990) / (2.040 - 2.000), within(1e-9));
        assertThat(recovered(results, "q8_0-qat")).isCloseTo(1 - (2.001 - 1.990) / (2.002 - 2.000), within(1e-9));
        assertThat(recovered(results, "float")).isNull();
        assertThat(recovered(results, "control")).isNull();
        assertThat(recovered(results, "q4_0-rtn")).as("RTN is the baseline").isNull();
    }

    @Test
    void aQuantizedEmbeddingIsMeasuredAgainstTheRtnModelWithTheSameEmbedding() {
        var results = List.of(model("float", "F32", "F32", 2.000), model("q4_0-rtn", "Q4_0", "Q8_0", 2.040),
                model("q4_0-rtn-emb4", "Q4_0", "Q4_0", 2.060), model("q4_0-qat", "Q4_0", "Q8_0", 2.010),
                model("q4_0-qat-emb4", "Q4_0", "Q4_0", 2.015), model("q4_0-qat-emb-f16", "Q4_0", "F16", 2.005));
        assertThat(recovered(results, "q4_0-qat")).isCloseTo(1 - 0.010 / 0.040, within(1e-9));
        assertThat(recovered(results, "q4_0-qat-emb4")).isCloseTo(1 - 0.015 / 0.060, within(1e-9));
        assertThat(recovered(results, "q4_0-qat-emb-f16")).as("no RTN with an F16 embedding: the first Q4_0 RTN")
                .isCloseTo(1 - 0.005 / 0.040, within(1e-9));
    }

    @Test
    void withoutAControlTheFloatModelIsTheControl() {
        var results = List.of(model("float", "F32", 2.0), model("q4_0-rtn", "Q4_0", 2.04), model("q4_0-qat", "Q4_0", 2.01));
        assertThat(recovered(results, "q4_0-qat")).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void undefinedWithoutFloatOrRtnOrAGap() {
        assertThat(recovered(List.of(model("q4_0-rtn", "Q4_0", 2.04), model("q4_0-qat", "Q4_0", 2.01)), "q4_0-qat")).isNull();
        assertThat(recovered(List.of(model("float", "F32", 2.0), model("q4_0-qat", "Q4_0", 2.01)), "q4_0-qat")).isNull();
        assertThat(recovered(List.of(model("float", "F32", 2.0), model("q8_0-rtn", "Q8_0", 2.01),
                model("q4_0-qat", "Q4_0", 2.01)), "q4_0-qat")).as("no RTN of the same type").isNull();
        assertThat(recovered(List.of(model("float", "F32", 2.0), model("q4_0-rtn", "Q4_0", 1.99),
                model("q4_0-qat", "Q4_0", 2.01)), "q4_0-qat")).as("RTN not worse than float").isNull();
        assertThat(recovered(List.of(model("float", "F32", 3.7626), model("q4_0-rtn", "Q4_0", 3.76265),
                model("q4_0-qat", "Q4_0", 3.7619)), "q4_0-qat")).as("a gap below 0.001 bits per byte is noise").isNull();
        assertThat(recovered(List.of(model("float", "F32", 2.0), model("q4_0-rtn", "Q4_0", 2.001),
                model("q4_0-qat", "Q4_0", 2.0005)), "q4_0-qat")).as("0.001 is measured").isCloseTo(0.5, within(1e-6));
    }
}
