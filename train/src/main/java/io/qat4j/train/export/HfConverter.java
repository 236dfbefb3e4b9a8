package io.qat4j.train.export;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.core.tokenizer.HfBpeTokenizer;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;
import io.qat4j.train.quant.GridRecovery;
import io.qat4j.train.quant.QuantPlan;

/**
 * {@code qat4j convert --hf DIR}: a Hugging Face Gemma 3 text checkpoint (config.json, safetensors in
 * F32/F16/BF16, tokenizer.json) to a {@code gemma3} GGUF — tensors renamed, norms stored as 1 + w (in
 * float32, as llama.cpp's converter does), the hyper-parameters of {@link Gemma3Metadata}, and a
 * SentencePiece vocabulary built from tokenizer.json ({@link HfBpeTokenizer#toSentencePiece}). Norms
 * stay F32; the matrices take {@code type}; the embedding follows the {@link QuantPlan}. For Q4_0 the
 * matrices go through {@link GridRecovery}, so a QAT "q4_0-unquantized" checkpoint keeps its trained grid.
 */
public final class HfConverter {

    /**
     * @param type           the type of the weight matrices (f32, f16, bf16, q8_0, q4_0)
     * @param keepEmbedding  the embedding's type by name, or null/"auto" (the same as the matrices for float
     *                       types, llama-quantize's choice for Q4_0)
     * @param vocabFrom      take the tokenizer keys from this GGUF instead of tokenizer.json (null: tokenizer.json)
     * @param name           general.name (null: the folder's name)
     */
    public record Options(GgmlType type, String keepEmbedding, Path vocabFrom, String name) {}

    /**
     * What was written.
     *
     * @param config      the model
     * @param types       each tensor's type, in file order
     * @param grid        Q4_0 blocks by how they were encoded (all zero unless --type q4_0)
     * @param vocabulary  the converted tokenizer.json (null with --vocab-from)
     * @param fileBytes   the size of the GGUF
     */
    public record Report(Gemma3Config config, Map<String, GgmlType> types, GridRecovery.Counts grid,
            HfBpeTokenizer.SentencePieceScores vocabulary, long fileBytes) {}

    private HfConverter() {}

    public static Report convert(Path dir, Path out, Options options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder (--hf takes the checkpoint folder)");
        }
        HfModelConfig hf = HfModelConfig.read(dir.resolve("config.json"));
        Gemma3Config config = hf.config();
        QuantPlan plan = options.type() == GgmlType.Q4_0 || options.type() == GgmlType.Q8_0
                ? QuantPlan.of(options.type(), options.keepEmbedding())
                : options.keepEmbedding() == null || options.keepEmbedding().equalsIgnoreCase("auto")
                        ? new QuantPlan(options.type(), options.type())
                        : QuantPlan.of(options.type(), options.keepEmbedding());
        try (HfCheckpoint ckpt = HfCheckpoint.open(dir)) {
            var w = new GgufWriter();
            Gemma3Metadata.write(w, options.name() != null ? options.name() : dir.getFileName().toString(), config,
                    plan.matrices());
            HfBpeTokenizer.SentencePieceScores vocab = writeVocabulary(w, dir, options.vocabFrom(), config.vocabSize());
            var types = new LinkedHashMap<String, GgmlType>();
            var grid = new AtomicReference<>(new GridRecovery.Counts(0, 0, 0));
            var layout = new ParameterLayout(config);
            for (ParamTensor t : layout.tensors()) {
                String hfName = HfTensorNames.hfName(t.name());
                checkShape(ckpt, hfName, t.shape(), dir);
                GgmlType type = plan.typeOf(t.name(), t.ggufNe());
                types.put(t.name(), type);
                boolean norm = HfTensorNames.isNorm(t.name());
                w.addTensor(t.name(), type, t.ggufNe(), () -> encode(ckpt, hfName, norm, type, grid));
            }
            if (!hf.tied() && ckpt.hasFull("lm_head.weight")) {
                var ne = new long[] {config.embeddingLength(), config.vocabSize()};
                checkShape(ckpt, "lm_head.weight", new long[] {config.vocabSize(), config.embeddingLength()}, dir);
                GgmlType type = plan.typeOf(QuantPlan.OUTPUT, ne);
                types.put(QuantPlan.OUTPUT, type);
                w.addTensor(QuantPlan.OUTPUT, type, ne, () -> encode(ckpt, "lm_head.weight", false, type, grid));
            }
            w.write(out);
            return new Report(config, Collections.unmodifiableMap(types), grid.get(), vocab, Files.size(out));
        }
    }

    private static MemorySegment encode(HfCheckpoint ckpt, String hfName, boolean norm, GgmlType type,
            AtomicReference<GridRecovery.Counts> grid) {
        float[] v = ckpt.floats(hfName);
        if (norm) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f + v[i];
            }
        }
        MemorySegment dst = MemorySegment.ofArray(new byte[Math.toIntExact(type.bytesFor(v.length))]);
        if (type == GgmlType.Q4_0) {
            grid.set(grid.get().plus(GridRecovery.encode(v, v.length, ckpt.storedType(hfName), dst)));
        } else {
            TensorCodec.of(type).quantize(v, 0, v.length, dst, 0);
        }
        return dst;
    }

    private static void checkShape(HfCheckpoint ckpt, String hfName, long[] expected, Path dir) {
        long[] shape = ckpt.entry(hfName).shape();
        if (!Arrays.equals(shape, expected)) {
            throw new IllegalArgumentException(dir + ": tensor '" + hfName + "' has shape " + Arrays.toString(shape)
                    + ", config.json implies " + Arrays.toString(expected));
        }
    }

    /** Writes the tokenizer keys; returns the converted tokenizer.json, or null when copied from a GGUF. */
    private static HfBpeTokenizer.SentencePieceScores writeVocabulary(GgufWriter w, Path dir, Path vocabFrom, int size)
            throws IOException {
        if (vocabFrom != null) {
            try (GgufFile f = GgufReader.open(vocabFrom)) {
                int n = f.metadata().getStringArray("tokenizer.ggml.tokens").length;
                if (n != size) {
                    throw new IllegalArgumentException(vocabFrom + ": its vocabulary has " + n + " tokens, the model " + size);
                }
                f.metadata().entries().forEach((k, v) -> {
                    if (k.startsWith("tokenizer.")) {
                        w.put(k, v);
                    }
                });
            }
            return null;
        }
        Path json = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(dir + ": no tokenizer.json; pass --vocab-from M.gguf to take the vocabulary"
                    + " of another GGUF");
        }
        var converted = HfBpeTokenizer.load(json).toSentencePiece(size);
        converted.vocabulary().write(w);
        Path config = dir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            JsonNode template = new ObjectMapper().readTree(config.toFile()).path("chat_template");
            if (template.isTextual()) {
                w.putString("tokenizer.chat_template", template.textValue());
            }
        }
        return converted;
    }
}
