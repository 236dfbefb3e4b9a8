package io.qat4j.train;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.data.ByteTokenizer;

/**
 * The options of one training run ({@code qat4j train}). Build one with {@link #builder(Path, Path)}; the
 * defaults are those the PyTorch peer uses for the {@code tiny} preset.
 *
 * @param data                text file or folder (.gz allowed), split 90/5/5 into train/val/test
 * @param preset              model shape: {@code tiny} or {@code small} (ignored with {@code init} or {@code model})
 * @param model               an explicit model shape, or null to use the preset
 * @param tokenizer           {@code bytes}, or the path of a GGUF vocabulary ({@code qat4j tokenizer-train})
 * @param steps               optimiser steps in total (a resumed run continues up to this count)
 * @param batch               sequences per micro-batch (default 16)
 * @param seqLen              tokens per sequence (default 256)
 * @param lr                  peak learning rate (default 1e-3)
 * @param warmupSteps         linear warm-up steps (default 100)
 * @param minLr               learning rate at the end of the cosine (default 10 % of lr)
 * @param weightDecay         AdamW decoupled decay on matrices (default 0.1)
 * @param gradClip            global gradient-norm clip, 0 = off (default 1.0)
 * @param accumulation        micro-batches per step (default 1)
 * @param evalInterval        evaluate on the val split every N steps, 0 = only at the end (default 250)
 * @param evalWindows         evaluate only the first N windows of the val split, 0 = all of it
 * @param checkpointInterval  write a checkpoint every N steps, 0 = only at the end (default 500)
 * @param seed                seeds the weights and the batch sampler
 * @param threads             worker threads (default: available processors)
 * @param out                 the exported F32 GGUF
 * @param checkpoint          where checkpoints go (default: out + ".ckpt")
 * @param resume              a checkpoint to continue from, or null
 * @param init                a GGUF to start from (fine-tuning), or null
 * @param log                 JSON-lines log, or null for none
 */
public record TrainConfig(
        Path data,
        String preset,
        Gemma3Config model,
        String tokenizer,
        int steps,
        int batch,
        int seqLen,
        double lr,
        int warmupSteps,
        double minLr,
        double weightDecay,
        double gradClip,
        int accumulation,
        int evalInterval,
        int evalWindows,
        int checkpointInterval,
        long seed,
        int threads,
        Path out,
        Path checkpoint,
        Path resume,
        Path init,
        Path log) {

    public TrainConfig {
        require(data != null, "the training data path is required");
        require(out != null, "the output GGUF path is required");
        require(tokenizer != null && (preset != null || model != null), "a tokenizer and a preset or model are required");
        require(steps >= 1, "steps must be at least 1");
        require(batch >= 1 && seqLen >= 2, "batch must be >= 1 and the sequence length >= 2");
        require(lr > 0 && minLr >= 0 && minLr <= lr, "learning rates must satisfy 0 <= min lr <= lr, lr > 0");
        require(warmupSteps >= 0 && weightDecay >= 0 && gradClip >= 0, "warm-up, weight decay and clip must be >= 0");
        require(accumulation >= 1 && threads >= 1, "accumulation and threads must be >= 1");
        require(evalInterval >= 0 && evalWindows >= 0 && checkpointInterval >= 0, "intervals must be >= 0");
        if (checkpoint == null) {
            checkpoint = out.resolveSibling(out.getFileName() + ".ckpt");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder(Path data, Path out) {
        return new Builder(data, out);
    }

    /** The options that shape the optimisation, as JSON (stored in checkpoints). */
    public String describe() {
        return describeJson().toString();
    }

    /** {@link #describe()} as a JSON object, for callers that add their own options. */
    public ObjectNode describeJson() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("preset", preset);
        o.put("tokenizer", tokenizer);
        o.put("steps", steps);
        o.put("batch", batch);
        o.put("seq_len", seqLen);
        o.put("lr", lr);
        o.put("warmup_steps", warmupSteps);
        o.put("min_lr", minLr);
        o.put("weight_decay", weightDecay);
        o.put("grad_clip", gradClip);
        o.put("accumulation", accumulation);
        o.put("seed", seed);
        o.put("data", data == null ? null : data.toString());
        o.put("init", init == null ? null : init.toString());
        return o;
    }

    /** Fluent construction with documented defaults. */
    public static final class Builder {
        private final Path data;
        private final Path out;
        private String preset = "tiny";
        private Gemma3Config model;
        private String tokenizer = ByteTokenizer.NAME;
        private int steps = 1000;
        private int batch = 16;
        private int seqLen = 256;
        private double lr = 1e-3;
        private int warmupSteps = 100;
        private Double minLr;
        private double weightDecay = 0.1;
        private double gradClip = 1.0;
        private int accumulation = 1;
        private int evalInterval = 250;
        private int evalWindows;
        private int checkpointInterval = 500;
        private long seed = 1234;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Path checkpoint;
        private Path resume;
        private Path init;
        private Path log;

        private Builder(Path data, Path out) {
            this.data = data;
            this.out = out;
        }

        public Builder preset(String v) { preset = v; return this; }
        public Builder model(Gemma3Config v) { model = v; return this; }
        public Builder tokenizer(String v) { tokenizer = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder seqLen(int v) { seqLen = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder minLr(double v) { minLr = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder gradClip(double v) { gradClip = v; return this; }
        public Builder accumulation(int v) { accumulation = v; return this; }
        public Builder evalInterval(int v) { evalInterval = v; return this; }
        public Builder evalWindows(int v) { evalWindows = v; return this; }
        public Builder checkpointInterval(int v) { checkpointInterval = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder checkpoint(Path v) { checkpoint = v; return this; }
        public Builder resume(Path v) { resume = v; return this; }
        public Builder init(Path v) { init = v; return this; }
        public Builder log(Path v) { log = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(data, preset, model, tokenizer, steps, batch, seqLen, lr, warmupSteps,
                    minLr != null ? minLr : lr * 0.1, weightDecay, gradClip, accumulation, evalInterval, evalWindows,
                    checkpointInterval, seed, threads, out, checkpoint, resume, init, log);
        }
    }
}
