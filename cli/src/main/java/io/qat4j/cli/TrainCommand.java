package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a Gemma-3-architecture model from scratch, or fine-tunes one (--init).",
            "",
            "The corpus (a UTF-8 text file or folder, .gz allowed) is cut into contiguous 90/5/5 %% byte",
            "ranges: training reads the first, validation the second. The final model is written as an F32",
            "GGUF that qat4j and llama.cpp load. A checkpoint (OUT.ckpt) is written atomically every",
            "--checkpoint-interval steps and on Ctrl-C; --resume continues it exactly as if uninterrupted.",
            "",
            "Presets: tiny = d_model 128, 6 layers, 4 heads, 2 KV heads, head_dim 32, FFN 512, window 64;",
            "         small = d_model 256, 6 layers, 4 heads, 1 KV head, head_dim 64, FFN 1024, window 64.",
            "",
            "Defaults: --steps 1000, --lr 1e-3, --warmup 100 (the other options say theirs).",
            "Bits per byte count the UTF-8 bytes of the validation text, whatever the tokenizer.",
            "",
            "Examples:",
            "  qat4j train --data kjv.txt --preset tiny --tokenizer bytes --steps 2000 --out tiny.gguf",
            "  qat4j tokenizer-train --data kjv.txt --vocab 4096 --out kjv-4k.gguf",
            "  qat4j train --data kjv.txt --preset tiny --tokenizer kjv-4k.gguf --steps 2000 --out tiny-4k.gguf"})
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

    @Option(names = "--init", paramLabel = "M.gguf", description = "start from this model (fine-tuning) instead of random weights")
    Path init;

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        var b = TrainConfig.builder(data, out).preset(preset).tokenizer(tokenizer).init(init);
        TrainConfig config = training.applyTo(b, out).build();
        TrainResult r = TrainingRun.run("train", new Trainer(config), config);
        return TrainingRun.report("trained", r, training.logFile(out));
    }
}
