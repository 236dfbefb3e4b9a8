package io.qat4j.train.export;

/**
 * GGUF tensor names of a Gemma 3 model and the Hugging Face names they come from (see
 * testdata/torch-reference/README.md). HF stores Linear weights [out, in] row-major, which is GGUF's
 * layout with ne0 = in, so nothing is transposed; HF's RMSNorm multiplies by (1 + w), so every norm
 * weight becomes 1 + w in the GGUF.
 */
public final class HfTensorNames {
    private HfTensorNames() {}

    /** The HF name (after the model prefix, e.g. {@code layers.0.mlp.up_proj.weight}) of a GGUF tensor. */
    public static String hfName(String gguf) {
        if (gguf.equals("token_embd.weight")) {
            return "embed_tokens.weight";
        }
        if (gguf.equals("output_norm.weight")) {
            return "norm.weight";
        }
        String[] parts = gguf.split("\\.");
        if (parts.length != 4 || !parts[0].equals("blk")) {
            throw new IllegalArgumentException("'" + gguf + "' is not a Gemma 3 tensor name");
        }
        return "layers." + parts[1] + "." + switch (parts[2]) {
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
            default -> throw new IllegalArgumentException("'" + gguf + "' is not a Gemma 3 tensor name");
        } + ".weight";
    }

    /** Whether the GGUF tensor is a norm weight (stored as 1 + w). */
    public static boolean isNorm(String gguf) {
        return gguf.endsWith("norm.weight");
    }
}
