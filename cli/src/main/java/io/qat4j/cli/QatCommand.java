package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;
import io.qat4j.train.qat.QatLoss;
import io.qat4j.train.qat.QatOptions;
import io.qat4j.train.qat.QatRecipe;
import io.qat4j.train.quant.QuantPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "qat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantization-aware training: fine-tunes a float model as it will be quantized, and exports it.",
            "",
            "The weights are fake-quantized in exactly the target format during training.",
            "",
            "Every forward pass uses the weights as the exported file will hold them (the same Q4_0/Q8_0 codec:",
            "blocks of 32, fp16 scales, ggml's rounding); gradients pass straight through to float master",
            "weights. --loss kd distils the frozen float teacher (T²·KL(teacher ‖ student) on the next-token",
            "distributions at temperature T); --loss ce trains on the data. Norms stay F32; the tied embedding",
            "is fake-quantized in its export type (Q8_0 by default for q4_0, as llama-quantize; see",
            "--quantize-embedding, --keep-embedding). --learned-scales learns one scale per block (LSQ-style),",
            "which the file stores losslessly. The tokenizer is the teacher's vocabulary. Data, split, log,",
            "checkpoints, Ctrl-C and --resume work as in train.",
            "",
            "Defaults: --steps 500, --lr 1e-4, --warmup 20, --loss kd, --kd-temperature 1",
            "(the other options say theirs).",
            "",
            "Example:",
            "  qat4j qat --teacher tiny.gguf --data kjv.txt --type q4_0 --steps 500 --out tiny-qat-q4_0.gguf"})
final class QatCommand implements Callable<Integer> {
    @Option(names = "--teacher", required = true, paramLabel = "F.gguf", description = "the float model to start from and distil")
    Path teacher;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "training text: a file or folder (.gz allowed)")
    Path data;

    @Option(names = "--type", required = true, paramLabel = "q4_0|q8_0", description = "the target format of the weight matrices")
    String type;

    @Option(names = "--out", required = true, paramLabel = "Q.gguf", description = "the quantized model")
    Path out;

    @Option(names = "--loss", paramLabel = "kd|ce", description = "distillation from the teacher, or cross-entropy (default: ${DEFAULT-VALUE})")
    String loss = "kd";

    @Option(names = "--kd-temperature", paramLabel = "T", description = "distillation temperature (default: ${DEFAULT-VALUE})")
    double temperature = 1.0;

    @Option(names = "--learned-scales", description = "learn a scale per block of 32, initialised from round-to-nearest")
    boolean learnedScales;

    @Option(names = "--scale-lr-factor", paramLabel = "F", description = "learned scales' learning rate as a multiple of --lr (default: ${DEFAULT-VALUE})")
    double scaleLrFactor = 1.0;

    @Option(names = "--quantize-embedding", description = "quantize the tied embedding to --type too")
    boolean quantizeEmbedding;

    @Option(names = "--keep-embedding", paramLabel = "TYPE",
            description = "the embedding's type: auto (llama-quantize's choice), f32, f16, bf16, q8_0, q4_0 (default: ${DEFAULT-VALUE})")
    String keepEmbedding = "auto";

    @Option(names = "--teacher-cache", paramLabel = "topk=K",
            description = "cache the teacher's top-K logits per batch on disk, so it runs once per batch across resumes and runs")
    String teacherCache;

    @Option(names = "--teacher-cache-file", paramLabel = "PATH",
            description = "where the cache lives (default: OUT.teacher-topK.cache); share it between runs with the same data, seed and batch")
    Path teacherCacheFile;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        GgmlType target = QuantPlan.parseType(type, "--type");
        if (quantizeEmbedding && !keepEmbedding.equalsIgnoreCase("auto")) {
            throw new IllegalArgumentException("--quantize-embedding and --keep-embedding " + keepEmbedding + " contradict");
        }
        String embedding = quantizeEmbedding ? type : keepEmbedding;
        int topK = parseTopK(teacherCache);
        Path cacheFile = topK == 0 ? null
                : teacherCacheFile != null ? teacherCacheFile : out.resolveSibling(out.getFileName() + ".teacher-top" + topK + ".cache");
        var options = new QatOptions(teacher, target, QatLoss.parse(loss), temperature, embedding, learnedScales,
                scaleLrFactor, topK, cacheFile);
        var b = TrainConfig.builder(data, out).init(teacher).tokenizer(Trainer.tokenizerOf(teacher)).steps(500).lr(1e-4).warmupSteps(20);
        TrainConfig config = training.applyTo(b, out).build();
        TrainResult r;
        try (var recipe = new QatRecipe(options, config)) {
            r = TrainingRun.run("qat", new Trainer(config, recipe), config);
            if (topK > 0) {
                System.err.printf("teacher: ran on %d batches (the others came from %s)%n", recipe.teacherPasses(), cacheFile);
            }
        }
        return TrainingRun.report("qat " + target.name().toLowerCase(), r, training.logFile(out));
    }

    private static int parseTopK(String spec) {
        if (spec == null) {
            return 0;
        }
        if (!spec.startsWith("topk=")) {
            throw new IllegalArgumentException("--teacher-cache '" + spec + "' is not topk=K");
        }
        try {
            int k = Integer.parseInt(spec.substring(5));
            if (k < 1) {
                throw new NumberFormatException();
            }
            return k;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--teacher-cache '" + spec + "': K must be a positive integer");
        }
    }
}
