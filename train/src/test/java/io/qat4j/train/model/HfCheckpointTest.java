package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.train.ops.FastOps;

/**
 * The BF16 Hugging Face checkpoint of tiny-ref, read with the safetensors reader and renamed to GGUF
 * names (norms: g = 1 + w in float32), gives the reference logits of the BF16-rounded model.
 */
class HfCheckpointTest {

    static String hfName(String gguf) {
        if (gguf.equals("token_embd.weight")) {
            return "model.embed_tokens.weight";
        }
        if (gguf.equals("output_norm.weight")) {
            return "model.norm.weight";
        }
        String[] parts = gguf.split("\\.");
        String layer = "model.layers." + parts[1] + ".";
        return layer + switch (parts[2]) {
            case "attn_norm" -> "input_layernorm";
            case "attn_q" -> "self_attn.q_proj";
            case "attn_k" -> "self_attn.k_proj";
            case "attn_v" -> "self_attn.v_proj";
            case "attn_output" -> "self_attn.o_proj";
            case "attn_q_norm" -> "self_attn.q_norm";
            case "attn_k_norm" -> "self_attn.k_norm";
            case "post_attention_norm" -> "post_attention_layernorm";
            case "ffn_norm" -> "pre_feedforward_layernorm";
            case "ffn_gate" -> "mlp.gate_proj";
            case "ffn_up" -> "mlp.up_proj";
            case "ffn_down" -> "mlp.down_proj";
            case "post_ffw_norm" -> "post_feedforward_layernorm";
            default -> throw new IllegalArgumentException(gguf);
        } + ".weight";
    }

    @Test
    void bf16HuggingFaceWeightsGiveTheReferenceLogits() throws IOException {
        try (var ops = new FastOps(2); SafetensorsFile hf = TorchReference.open("hf-tiny/model.safetensors");
                SafetensorsFile ref = TorchReference.open("hf-tiny/reference_logits_seq0.safetensors")) {
            var model = new GemmaModel(TorchReference.config(), 1, TorchReference.SEQ, ops);
            for (ParamTensor t : model.layout().tensors()) {
                float[] w = hf.floats(hfName(t.name()));
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
