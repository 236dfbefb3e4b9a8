package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.train.quant.PostTrainingQuantizer;
import io.qat4j.train.quant.PtqMethod;
import io.qat4j.train.quant.QuantPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Post-training quantization of a GGUF to Q4_0 or Q8_0.",
            "",
            "--method rtn rounds to nearest with ggml's codecs: the bytes llama-quantize writes. --method",
            "scale-search is calibrated: it runs the model over --calib text (its first 90 %%, the training",
            "split) to measure E[x²] of every matrix input, then picks each block's fp16 scale to minimise",
            "Σ E[x_j²]·(w_j − ŵ_j)² (any fp16 scale is a legal block, so the file loads everywhere).",
            "Norms stay F32; the tied embedding follows --keep-embedding (auto = llama-quantize's choice:",
            "Q8_0 for q4_0, where llama-quantize would use Q6_K on rows that are whole 256-blocks). The",
            "metadata is copied; general.file_type and general.quantization_version are set.",
            "",
            "Example:",
            "  qat4j quantize --in tiny.gguf --type q4_0 --method scale-search --calib kjv.txt --out tiny-q4_0.gguf"})
final class QuantizeCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "F.gguf", description = "the model to quantize")
    Path in;

    @Option(names = "--type", required = true, paramLabel = "q4_0|q8_0", description = "the type of the weight matrices")
    String type;

    @Option(names = "--out", required = true, paramLabel = "Q.gguf", description = "the quantized model")
    Path out;

    @Option(names = "--method", paramLabel = "rtn|scale-search", description = "quantization method (default: ${DEFAULT-VALUE})")
    String method = "rtn";

    @Option(names = "--calib", paramLabel = "PATH", description = "calibration text for calibrated methods (file or folder)")
    Path calib;

    @Option(names = "--calib-tokens", paramLabel = "N", description = "about how many calibration tokens to run (default: ${DEFAULT-VALUE})")
    int calibTokens = 65_536;

    @Option(names = "--keep-embedding", paramLabel = "TYPE",
            description = "the embedding's type: auto, f32, f16, bf16, q8_0, q4_0 (default: ${DEFAULT-VALUE})")
    String keepEmbedding = "auto";

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads for calibration (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        GgmlType target = QuantPlan.parseType(type, "--type");
        PtqMethod m = PtqMethod.parse(method);
        if (!m.calibrated() && calib != null) {
            throw new IllegalArgumentException("--calib is only used by calibrated methods (--method scale-search)");
        }
        var report = PostTrainingQuantizer.quantize(in, out,
                new PostTrainingQuantizer.Options(target, m, calib, keepEmbedding, calibTokens, threads));
        String counts = report.countByType().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        System.err.printf("%s: %d tensors (%s), %,d bytes; token_embd %s%n", out, report.types().size(), counts,
                report.fileBytes(), report.types().get(QuantPlan.EMBEDDING));
        if (report.search() != null) {
            var s = report.search();
            System.err.printf("calibration: %,d tokens; activation-weighted error %.4g → %.4g (%.1f %% lower than"
                    + " round-to-nearest), %,d of %,d blocks rescaled%n", report.calibTokens(), s.rtnError(), s.chosenError(),
                    100 * (1 - s.chosenError() / s.rtnError()), s.changed(), s.blocks());
        }
        return 0;
    }
}
