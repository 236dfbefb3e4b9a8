package io.qat4j.train.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.model.Gemma3Config;

/**
 * A Hugging Face Gemma 3 {@code config.json} ({@code gemma3_text}, or a multimodal
 * {@code gemma3} whose {@code text_config} describes the language model) as a {@link Gemma3Config}.
 *
 * @param config     the model
 * @param tied       {@code tie_word_embeddings} (Gemma 3 always ties the output to the embedding)
 */
public record HfModelConfig(Gemma3Config config, boolean tied) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static HfModelConfig read(Path configJson) throws IOException {
        if (!Files.isRegularFile(configJson)) {
            throw new NoSuchFileException(configJson.toString(), null, "no config.json in the checkpoint folder");
        }
        JsonNode root = JSON.readTree(configJson.toFile());
        JsonNode c = root.has("text_config") ? root.get("text_config") : root;
        String where = configJson.toString();
        String type = c.path("model_type").asText(root.path("model_type").asText(""));
        if (!type.startsWith("gemma3")) {
            throw new IllegalArgumentException(where + ": model_type is '" + type + "'; qat4j converts Gemma 3 (gemma3_text)");
        }
        String act = c.path("hidden_activation").asText("gelu_pytorch_tanh");
        if (!act.equals("gelu_pytorch_tanh")) {
            throw new IllegalArgumentException(where + ": hidden_activation '" + act + "' is not supported (gelu_pytorch_tanh)");
        }
        if (!c.path("attn_logit_softcapping").isMissingNode() && !c.path("attn_logit_softcapping").isNull()) {
            throw new IllegalArgumentException(where + ": attn_logit_softcapping is set; Gemma 3 (and llama.cpp) have none");
        }
        int layers = integer(c, "num_hidden_layers", where);
        int hidden = integer(c, "hidden_size", where);
        int heads = integer(c, "num_attention_heads", where);
        int headDim = integer(c, "head_dim", where);
        int window = c.path("sliding_window").asInt(0);
        boolean[] local = new boolean[layers];
        JsonNode types = c.path("layer_types");
        if (types.isArray()) {
            if (types.size() != layers) {
                throw new IllegalArgumentException(where + ": layer_types lists " + types.size() + " layers, not " + layers);
            }
            for (int il = 0; il < layers; il++) {
                local[il] = window > 0 && types.get(il).asText().equals("sliding_attention");
            }
        } else {
            local = Gemma3Config.periodicPattern(layers, c.path("sliding_window_pattern").asInt(6), window);
        }
        float ropeScale = 1f;
        JsonNode scaling = c.path("rope_scaling");
        if (scaling.isObject()) {
            String kind = scaling.path("rope_type").asText(scaling.path("type").asText(""));
            if (!kind.equals("linear")) {
                throw new IllegalArgumentException(where + ": rope_scaling type '" + kind + "' is not supported (linear)");
            }
            ropeScale = (float) (1.0 / scaling.path("factor").asDouble(1.0));
        }
        double queryScalar = c.path("query_pre_attn_scalar").asDouble(headDim);
        float attnScale = (float) (1.0 / Math.sqrt(queryScalar));
        // llama.cpp derives the scale (GGUF has no key for it): 1/sqrt(head_dim), or 1/sqrt(n_embd/n_head) for 62 layers
        float implied = layers == 62 ? (float) (1.0 / Math.sqrt((float) (hidden / heads))) : (float) (1.0 / Math.sqrt(headDim));
        if (Math.abs(implied - attnScale) > 1e-6f * implied) {
            throw new IllegalArgumentException(where + ": query_pre_attn_scalar " + queryScalar + " gives an attention scale "
                    + "GGUF cannot express (llama.cpp would use " + implied + ")");
        }
        JsonNode softcap = c.path("final_logit_softcapping");
        var config = new Gemma3Config(integer(c, "vocab_size", where), hidden, layers, heads,
                c.path("num_key_value_heads").asInt(heads), headDim, integer(c, "intermediate_size", where),
                integer(c, "max_position_embeddings", where), (float) c.path("rms_norm_eps").asDouble(1e-6),
                (float) c.path("rope_theta").asDouble(1_000_000), (float) c.path("rope_local_base_freq").asDouble(10_000),
                ropeScale, window, local, implied, softcap.isNumber() ? softcap.floatValue() : 0f);
        boolean tied = c.path("tie_word_embeddings").asBoolean(root.path("tie_word_embeddings").asBoolean(true));
        return new HfModelConfig(config, tied);
    }

    private static int integer(JsonNode c, String field, String where) {
        JsonNode v = c.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is missing or not an integer");
        }
        return v.intValue();
    }
}
