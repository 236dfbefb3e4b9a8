package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.train.export.HfTensorNames;
import io.qat4j.train.ops.FastOps;

/**
 * The BF16 Hugging Face checkpoint of tiny-ref, read with the safetensors reader and renamed to GGUF
 * names (norms: g = 1 + w in float32), gives the reference logits of the BF16-rounded model.
 */
class HfCheckpointTest {

    @Test
    void bf16HuggingFaceWeightsGiveTheReferenceLogits() throws IOException {
        try (var ops = new FastOps(2); SafetensorsFile hf = TorchReference.open("hf-tiny/model.safetensors");
                SafetensorsFile ref = TorchReference.open("hf-tiny/reference_logits_seq0.safetensors")) {
            var model = new GemmaModel(TorchReference.config(), 1, TorchReference.SEQ, ops);
            for (ParamTensor t : model.layout().tensors()) {
                float[] w = hf.floats("model." + HfTensorNames.hfName(t.name()));
                assertThat(w).as(t.name()).hasSize(t.size());
                for (int i = 0; i < w.length; i++) {
                    model.parameters()[t.offset() + i] = t.isMatrix() ? w[i] : 1f + w[i];
                }
            }
            float[] logits = model.logits(ref.ints("token_ids"));
            float[] expected = ref.floats("logits");
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(logits[i] - expected[i]));
            }
            assertThat(worst).isLessThanOrEqualTo(2e-5);
        }
    }
}
