package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a Gemma-3-architecture model from scratch, or fine-tunes one (--init).",
            "",
            "The corpus (a UTF-8 text file or folder, .gz allowed) is cut into contiguous 90/5/5 % byte",
            "ranges: training reads the first, validation the second. The final model is written as an F32",
            "GGUF that qat4j and llama.cpp load. A checkpoint (OUT.ckpt) is written atomically every",
            "--checkpoint-interval steps and on Ctrl-C; --resume continues it exactly as if uninterrupted.",
            "",
            "Presets: tiny = d_model 128, 6 layers, 4 heads, 2 KV heads, head_dim 32, FFN 512, window 64;",
            "         small = d_model 256, 6 layers, 4 heads, 1 KV head, head_dim 64, FFN 1024, window 64.",
            "",
            "Bits per byte count the UTF-8 bytes of the validation text, whatever the tokenizer.",
            "",
            "Examples:",
            "  qat4j train --data kjv.txt --preset tiny --tokenizer bytes --steps 2000 --out tiny.gguf",
            "  qat4j tokenizer-train --data kjv.txt --vocab 4096 --out kjv-4k.gguf",
            "  qat4j train --data kjv.txt --preset tiny --tokenizer kjv-4k.gguf --steps 2000 --out tiny-4k.gguf",
            ""})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "PATH", description = "training text: a file or folder (.gz allowed)")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "F.gguf", description = "the trained model (F32 GGUF)")
    Path out;

    @Option(names = "--preset", paramLabel = "NAME", description = "model shape: tiny or small (default: ${DEFAULT-VALUE})")
    String preset = "tiny";

    @Option(names = "--tokenizer", paramLabel = "bytes|TOK.gguf",
            description = "bytes (raw UTF-8 bytes, 260 ids) or a vocabulary GGUF from tokenizer-train (default: ${DEFAULT-VALUE})")
    String tokenizer = "bytes";

    @Option(names = "--steps", paramLabel = "N", description = "optimiser steps (default: ${DEFAULT-VALUE})")
    int steps = 1000;

    @Option(names = "--batch", paramLabel = "B", description = "sequences per micro-batch (default: ${DEFAULT-VALUE})")
    int batch = 16;

    @Option(names = "--seq-len", paramLabel = "T", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int seqLen = 256;

    @Option(names = "--accumulation", paramLabel = "N", description = "micro-batches per step (default: ${DEFAULT-VALUE})")
    int accumulation = 1;

    @Option(names = "--lr", paramLabel = "LR", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double lr = 1e-3;

    @Option(names = "--min-lr", paramLabel = "LR", description = "learning rate at the end of the cosine (default: lr/10)")
    Double minLr;

    @Option(names = "--warmup", paramLabel = "N", description = "linear warm-up steps (default: ${DEFAULT-VALUE})")
    int warmup = 100;

    @Option(names = "--weight-decay", paramLabel = "W", description = "AdamW decay on matrices (default: ${DEFAULT-VALUE})")
    double weightDecay = 0.1;

    @Option(names = "--clip", paramLabel = "C", description = "global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE})")
    double clip = 1.0;

    @Option(names = "--eval-interval", paramLabel = "N", description = "validate every N steps, 0 = at the end (default: ${DEFAULT-VALUE})")
    int evalInterval = 250;

    @Option(names = "--eval-windows", paramLabel = "N", description = "validate on the first N windows only, 0 = all (default: ${DEFAULT-VALUE})")
    int evalWindows = 0;

    @Option(names = "--checkpoint-interval", paramLabel = "N", description = "checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointInterval = 500;

    @Option(names = "--resume", paramLabel = "CKPT", description = "continue from this checkpoint")
    Path resume;

    @Option(names = "--init", paramLabel = "M.gguf", description = "start from this model (fine-tuning) instead of random weights")
    Path init;

    @Option(names = "--log", paramLabel = "F.jsonl", description = "JSON-lines log (default: OUT.log.jsonl)")
    Path log;

    @Option(names = "--seed", paramLabel = "S", description = "seeds the weights and the batches (default: ${DEFAULT-VALUE})")
    long seed = 1234;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        Path logFile = log != null ? log : out.resolveSibling(out.getFileName() + ".log.jsonl");
        var b = TrainConfig.builder(data, out).preset(preset).tokenizer(tokenizer).steps(steps).batch(batch).seqLen(seqLen)
                .accumulation(accumulation).lr(lr).warmupSteps(warmup).weightDecay(weightDecay).gradClip(clip)
                .evalInterval(evalInterval).evalWindows(evalWindows).checkpointInterval(checkpointInterval).seed(seed)
                .threads(threads).resume(resume).init(init).log(logFile);
        if (minLr != null) {
            b.minLr(minLr);
        }
        TrainConfig config = b.build();
        Trainer trainer = new Trainer(config);
        Thread hook = new Thread(trainer::requestStop, "qat4j-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainResult r;
        try (var bar = new ProgressLine("train", steps, " steps")) {
            r = trainer.run(new TrainProgress() {
                double lastVal = Double.NaN;

                @Override
                public void onStep(long step, long total, double loss, double tokensPerSecond) {
                    bar.step(step);
                    bar.extra(String.format("loss %.4f, %.0f tok/s%s", loss, tokensPerSecond,
                            Double.isNaN(lastVal) ? "" : String.format(", val %.4f bpb", lastVal)));
                }

                @Override
                public void onEval(long step, double valLoss, double bitsPerByte) {
                    lastVal = bitsPerByte;
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C): the hook has run.
            }
        }
        if (r.stopped()) {
            System.err.printf("stopped at step %d; resume with: --resume %s%n", r.steps(), r.checkpoint());
            return 130;
        }
        System.err.printf("trained %d steps: loss %.4f, validation %.4f bits/byte (%.4f nats/token), %.0f tokens/s%n",
                r.steps(), r.lastLoss(), r.valBitsPerByte(), r.valLoss(), r.tokensPerSecond());
        System.err.printf("model: %s   log: %s   checkpoint: %s%n", r.model(), logFile, r.checkpoint());
        return 0;
    }
}
