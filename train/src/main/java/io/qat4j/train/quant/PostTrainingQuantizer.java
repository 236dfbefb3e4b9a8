package io.qat4j.train.quant;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.quant.BlockGrid;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.core.tokenizer.Tokenizers;
import io.qat4j.train.export.Gemma3Metadata;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.ops.FastOps;

/**
 * {@code qat4j quantize}: re-encodes every tensor of a GGUF as its {@link QuantPlan} says, copying the
 * metadata (with {@code general.file_type} and {@code general.quantization_version} set as llama-quantize
 * sets them). Tensors already in their target type are copied byte for byte; the others are decoded with
 * their codec and encoded by the method: round-to-nearest through the same codec, or a calibrated
 * {@link ScaleSearch}. Tensors are produced one at a time as the file is written.
 */
public final class PostTrainingQuantizer {

    /**
     * @param type           the target type of the weight matrices (q4_0, q8_0, or a float type)
     * @param method         round-to-nearest or a calibrated method
     * @param calib          calibration text (its training split is used), required by calibrated methods
     * @param keepEmbedding  the embedding's type by name, or null/"auto" for llama-quantize's choice
     * @param calibTokens    about how many calibration tokens to run
     * @param threads        threads of the calibration forward passes
     */
    public record Options(GgmlType type, PtqMethod method, Path calib, String keepEmbedding, int calibTokens,
            int threads) {
        public Options {
            if (method.calibrated() && calib == null) {
                throw new IllegalArgumentException("--method " + method.cliName() + " needs calibration text (--calib PATH)");
            }
            if (calibTokens < 1 || threads < 1) {
                throw new IllegalArgumentException("calibration tokens and threads must be at least 1");
            }
        }
    }

    /**
     * What was written.
     *
     * @param types         each tensor's type, in file order
     * @param search        the scale search's totals (null for round-to-nearest)
     * @param calibTokens   calibration tokens run (0 for round-to-nearest)
     * @param fileBytes     size of the written file
     */
    public record Report(Map<String, GgmlType> types, ScaleSearch.Result search, long calibTokens, long fileBytes) {
        public Map<GgmlType, Integer> countByType() {
            var counts = new EnumMap<GgmlType, Integer>(GgmlType.class);
            types.values().forEach(t -> counts.merge(t, 1, Integer::sum));
            return counts;
        }
    }

    private PostTrainingQuantizer() {}

    public static Report quantize(Path in, Path out, Options options) throws IOException {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(out + ": the output would overwrite the input");
        }
        ActivationStatistics stats = options.method().calibrated() ? calibrate(in, options) : null;
        try (GgufFile f = GgufReader.open(in)) {
            QuantPlan plan = QuantPlan.of(options.type(), options.keepEmbedding());
            var w = new GgufWriter();
            w.putAll(f.metadata());
            w.remove("general.file_type");
            w.remove("general.quantization_version");
            if (BlockGrid.supports(options.type())) {
                w.putUint32("general.quantization_version", Gemma3Metadata.QUANTIZATION_VERSION);
            }
            w.putUint32("general.file_type", Gemma3Metadata.fileType(options.type()));
            var types = new LinkedHashMap<String, GgmlType>();
            var search = new AtomicReference<>(new ScaleSearch.Result(0, 0, 0, 0));
            for (TensorInfo t : f.tensors().values()) {
                GgmlType target = plan.typeOf(t.name(), t.ne());
                types.put(t.name(), target);
                float[] importance = stats == null ? null : stats.meanSquares(t.name());
                w.addTensor(t.name(), target, t.ne(), () -> {
                    MemorySegment src = f.data(t);
                    if (t.type() == target) {
                        return src;
                    }
                    float[] values = new float[Math.toIntExact(t.elementCount())];
                    TensorCodec.forTensor(f.name(), t).dequantize(src, 0, values, 0, values.length);
                    MemorySegment dst = MemorySegment.ofArray(new byte[Math.toIntExact(target.bytesFor(values.length))]);
                    if (importance != null && BlockGrid.supports(target) && importance.length == t.rowLength()) {
                        var r = ScaleSearch.encode(BlockGrid.of(target), values, 0, Math.toIntExact(t.rowCount()),
                                Math.toIntExact(t.rowLength()), importance, dst);
                        search.set(search.get().plus(r));
                    } else {
                        TensorCodec.of(target).quantize(values, 0, values.length, dst, 0);
                    }
                    return dst;
                });
            }
            w.write(out);
            return new Report(Collections.unmodifiableMap(types), stats == null ? null : search.get(),
                    stats == null ? 0 : stats.tokens(), Files.size(out));
        }
    }

    private static ActivationStatistics calibrate(Path in, Options options) throws IOException {
        var tokenizer = Tokenizers.load(in);
        Gemma3Config config = GgufImport.readConfig(in);
        int seqLen = Math.min(256, config.contextLength());
        var windows = CalibrationWindows.read(options.calib(), tokenizer, seqLen, options.calibTokens());
        try (var ops = new FastOps(options.threads())) {
            var model = GgufImport.loadModel(in, 1, seqLen, ops);
            return ActivationStatistics.collect(model, windows);
        }
    }
}
