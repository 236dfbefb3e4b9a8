package io.qat4j.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.model.Gemma3Config;

/** Writes and reads a {@link Gemma3Config} as JSON, field by field (checkpoints record the model shape). */
public final class ModelConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigJson() {}

    public static ObjectNode toJson(Gemma3Config c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("vocab_size", c.vocabSize());
        o.put("embedding_length", c.embeddingLength());
        o.put("block_count", c.blockCount());
        o.put("head_count", c.headCount());
        o.put("head_count_kv", c.headCountKv());
        o.put("head_dim", c.headDim());
        o.put("feed_forward_length", c.feedForwardLength());
        o.put("context_length", c.contextLength());
        o.put("rms_eps", c.rmsEps());
        o.put("rope_base_global", c.ropeBaseGlobal());
        o.put("rope_base_local", c.ropeBaseLocal());
        o.put("rope_scale_global", c.ropeScaleGlobal());
        o.put("sliding_window", c.slidingWindow());
        var local = o.putArray("local_layers");
        for (boolean b : c.localLayers()) {
            local.add(b);
        }
        o.put("attention_scale", c.attentionScale());
        o.put("final_logit_softcap", c.finalLogitSoftcap());
        return o;
    }

    public static Gemma3Config fromJson(JsonNode o, String source) {
        JsonNode local = field(o, "local_layers", source);
        boolean[] layers = new boolean[local.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = local.get(i).asBoolean();
        }
        return new Gemma3Config(integer(o, "vocab_size", source), integer(o, "embedding_length", source),
                integer(o, "block_count", source), integer(o, "head_count", source), integer(o, "head_count_kv", source),
                integer(o, "head_dim", source), integer(o, "feed_forward_length", source),
                integer(o, "context_length", source), real(o, "rms_eps", source), real(o, "rope_base_global", source),
                real(o, "rope_base_local", source), real(o, "rope_scale_global", source),
                integer(o, "sliding_window", source), layers, real(o, "attention_scale", source),
                real(o, "final_logit_softcap", source));
    }

    private static JsonNode field(JsonNode o, String name, String source) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(source + ": model config field '" + name + "' is missing");
        }
        return v;
    }

    private static int integer(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        if (!v.canConvertToInt()) {
            throw new IllegalArgumentException(source + ": model config field '" + name + "' is not an integer");
        }
        return v.intValue();
    }

    private static float real(JsonNode o, String name, String source) {
        JsonNode v = field(o, name, source);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(source + ": model config field '" + name + "' is not a number");
        }
        return v.floatValue();
    }
}
