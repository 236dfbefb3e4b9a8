package io.qat4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of an {@link EvalResult} (DESIGN.md §4, {@code qat4j eval --json}):
 * {@code {"models":[{"model", "bits_per_byte", "perplexity", "kl_vs_reference", "top1_agreement",
 * "file_bytes", "prefill_tps", "decode_tps", …}], "split", "windows", "reference", …}}; null where a
 * figure does not apply (KL without a reference, speed when not measured).
 */
public final class EvalJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalJson() {}

    public static ObjectNode toJson(EvalResult r) {
        ObjectNode o = JSON.createObjectNode();
        var models = o.putArray("models");
        for (ModelResult m : r.models()) {
            ObjectNode j = models.addObject();
            j.put("model", m.model());
            j.put("label", m.label());
            j.put("role", m.role().id());
            j.put("weight_type", m.weightType());
            j.put("embedding_type", m.embeddingType());
            j.put("bits_per_byte", m.bitsPerByte());
            j.put("perplexity", m.perplexity());
            j.put("nll_per_token", m.lossPerToken());
            j.put("kl_vs_reference", m.klVsReference());
            j.put("top1_agreement", m.top1Agreement());
            j.put("rtn_gap_recovered", m.rtnGapRecovered());
            j.put("file_bytes", m.fileBytes());
            j.put("memory_bytes", m.memoryBytes());
            j.put("prefill_tps", m.prefillTps());
            j.put("decode_tps", m.decodeTps());
            j.put("scoring_tps", m.scoringTps());
            j.put("vocab_size", m.vocabSize());
            j.put("window_tokens", m.windowTokens());
            j.put("windows", m.windows());
            j.put("tokens", m.tokensScored());
            j.put("bytes", m.bytesScored());
            j.put("nats", m.nats());
        }
        o.put("split", r.split());
        o.put("windows", r.windows());
        o.put("reference", r.reference());
        o.put("data", r.data());
        o.put("split_bytes", r.splitBytes());
        o.put("window_tokens", r.windowTokens());
        o.put("max_windows", r.maxWindows());
        o.put("threads", r.threads());
        o.put("peak_rss_bytes", r.peakRssBytes());
        return o;
    }

    public static String toJsonString(EvalResult r) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the JSON atomically (a reader never sees half a file). */
    public static void write(EvalResult r, Path out) throws IOException {
        OutputFiles.write(out, toJsonString(r) + "\n");
    }

    /** Reads a result written by {@link #write} (to redraw a report without scoring again). */
    public static EvalResult read(JsonNode o) {
        var models = new ArrayList<ModelResult>();
        for (JsonNode j : o.path("models")) {
            models.add(new ModelResult(j.path("model").asText(), j.path("label").asText(),
                    ModelRole.valueOf(j.path("role").asText("other").toUpperCase(Locale.ROOT)),
                    j.path("weight_type").asText(), optText(j, "embedding_type"), j.path("vocab_size").asInt(), j.path("window_tokens").asInt(),
                    j.path("windows").asInt(), j.path("tokens").asLong(), j.path("bytes").asLong(), j.path("nats").asDouble(),
                    optDouble(j, "kl_vs_reference"), optDouble(j, "top1_agreement"), j.path("file_bytes").asLong(),
                    j.path("memory_bytes").asLong(), optDouble(j, "prefill_tps"), optDouble(j, "decode_tps"),
                    j.path("scoring_tps").asDouble(), optDouble(j, "rtn_gap_recovered")));
        }
        return new EvalResult(o.path("data").asText(), o.path("split").asText(), o.path("split_bytes").asLong(),
                o.path("window_tokens").asInt(), o.path("max_windows").asInt(),
                o.path("reference").isNull() ? null : o.path("reference").asText(null), o.path("threads").asInt(),
                o.path("peak_rss_bytes").asLong(-1), models);
    }

    public static EvalResult read(Path file) throws IOException {
        try {
            return read(JSON.readTree(file.toFile()));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not an evaluation JSON file (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String optText(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double optDouble(JsonNode j, String field) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
