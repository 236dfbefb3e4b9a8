package io.qat4j.train.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.core.safetensors.SafetensorsWriter;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * A training checkpoint as one safetensors file, written atomically (temporary file, fsync, rename):
 * {@code param.NAME}, {@code adam_m.NAME} and {@code adam_v.NAME} float32 tensors for every parameter,
 * and the {@link TrainingState} as JSON in the {@code __metadata__} entry {@value #STATE_KEY}.
 */
public final class Checkpoint {
    public static final String STATE_KEY = "qat4j.training_state";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prefix of the tensors a training recipe adds (QAT's learned scales and their moments, say). */
    public static final String EXTRA_PREFIX = "extra.";

    /**
     * A checkpoint read back.
     *
     * @param extras the recipe's own tensors by name (without {@value #EXTRA_PREFIX}), empty for plain training
     */
    public record Loaded(TrainingState state, float[] params, float[] firstMoments, float[] secondMoments,
            Map<String, float[]> extras) {}

    private Checkpoint() {}

    public static void save(Path path, TrainingState state, ParameterLayout layout, float[] params, float[] m, float[] v)
            throws IOException {
        save(path, state, layout, params, m, v, Map.of());
    }

    /** As above, with a recipe's extra 1-D float tensors. */
    public static void save(Path path, TrainingState state, ParameterLayout layout, float[] params, float[] m, float[] v,
            Map<String, float[]> extras) throws IOException {
        var w = new SafetensorsWriter();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("step", state.step());
        meta.put("sampler_state", Long.toString(state.samplerState()));
        meta.set("model", ModelConfigJson.toJson(state.model()));
        meta.put("tokenizer", state.tokenizer());
        meta.put("options", state.options());
        w.putMetadata(STATE_KEY, meta.toString());
        for (ParamTensor t : layout.tensors()) {
            w.addF32("param." + t.name(), t.shape(), params, t.offset(), t.size());
        }
        for (ParamTensor t : layout.tensors()) {
            w.addF32("adam_m." + t.name(), t.shape(), m, t.offset(), t.size());
        }
        for (ParamTensor t : layout.tensors()) {
            w.addF32("adam_v." + t.name(), t.shape(), v, t.offset(), t.size());
        }
        extras.forEach((name, values) -> w.addF32(EXTRA_PREFIX + name, new long[] {values.length}, values));
        w.write(path);
    }

    public static Loaded load(Path path) throws IOException {
        try (var f = SafetensorsFile.open(path)) {
            String text = f.metadata().get(STATE_KEY);
            if (text == null) {
                throw new IOException(path + ": not a qat4j training checkpoint (no '" + STATE_KEY + "' metadata)");
            }
            JsonNode meta = JSON.readTree(text);
            int format = meta.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IOException(path + ": checkpoint format " + format + " is not supported (expected " + FORMAT + ")");
            }
            var model = ModelConfigJson.fromJson(meta.path("model"), path.toString());
            var state = new TrainingState(meta.path("step").asLong(), Long.parseLong(meta.path("sampler_state").asText()),
                    model, meta.path("tokenizer").asText(), meta.path("options").asText());
            var layout = new ParameterLayout(model);
            float[] params = new float[layout.size()];
            float[] m = new float[layout.size()];
            float[] v = new float[layout.size()];
            for (ParamTensor t : layout.tensors()) {
                copy(f, "param." + t.name(), t, params, path);
                copy(f, "adam_m." + t.name(), t, m, path);
                copy(f, "adam_v." + t.name(), t, v, path);
            }
            var extras = new LinkedHashMap<String, float[]>();
            for (String name : f.entries().keySet()) {
                if (name.startsWith(EXTRA_PREFIX)) {
                    extras.put(name.substring(EXTRA_PREFIX.length()), f.floats(name));
                }
            }
            return new Loaded(state, params, m, v, Collections.unmodifiableMap(extras));
        }
    }

    private static void copy(SafetensorsFile f, String name, ParamTensor t, float[] dst, Path path) throws IOException {
        if (!f.has(name)) {
            throw new IOException(path + ": checkpoint tensor '" + name + "' is missing");
        }
        float[] values = f.floats(name);
        if (values.length != t.size()) {
            throw new IOException(path + ": checkpoint tensor '" + name + "' has " + values.length + " values, the model needs "
                    + t.size());
        }
        System.arraycopy(values, 0, dst, t.offset(), t.size());
    }
}
