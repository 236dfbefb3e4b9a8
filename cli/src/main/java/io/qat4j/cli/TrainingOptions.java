package io.qat4j.cli;

import java.nio.file.Path;

import io.qat4j.train.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The options {@code train} and {@code qat} share: the loop, its schedule, checkpoints and log. An
 * option left out keeps the command's default (each command states its own).
 */
final class TrainingOptions {
    @Option(names = "--steps", paramLabel = "N", description = "optimiser steps")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "sequences per micro-batch (default: 16)")
    Integer batch;

    @Option(names = "--seq-len", paramLabel = "T", description = "tokens per sequence (default: 256)")
    Integer seqLen;

    @Option(names = "--accumulation", paramLabel = "N", description = "micro-batches per step (default: 1)")
    Integer accumulation;

    @Option(names = "--lr", paramLabel = "LR", description = "peak learning rate")
    Double lr;

    @Option(names = "--min-lr", paramLabel = "LR", description = "learning rate at the end of the cosine (default: lr/10)")
    Double minLr;

    @Option(names = "--warmup", paramLabel = "N", description = "linear warm-up steps")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "W", description = "AdamW decay on matrices (default: 0.1)")
    Double weightDecay;

    @Option(names = "--clip", paramLabel = "C", description = "global gradient-norm clip, 0 = off (default: 1.0)")
    Double clip;

    @Option(names = "--eval-interval", paramLabel = "N", description = "validate every N steps, 0 = at the end (default: 250)")
    Integer evalInterval;

    @Option(names = "--eval-windows", paramLabel = "N", description = "validate on the first N windows only, 0 = all (default: 0)")
    Integer evalWindows;

    @Option(names = "--checkpoint-interval", paramLabel = "N", description = "checkpoint every N steps (default: 500)")
    Integer checkpointInterval;

    @Option(names = "--resume", paramLabel = "CKPT", description = "continue from this checkpoint")
    Path resume;

    @Option(names = "--log", paramLabel = "F.jsonl", description = "JSON-lines log (default: OUT.log.jsonl)")
    Path log;

    @Option(names = "--seed", paramLabel = "S", description = "seeds the weights and the batches (default: 1234)")
    Long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    Integer threads;

    /** The log file this run writes. */
    Path logFile(Path out) {
        return log != null ? log : out.resolveSibling(out.getFileName() + ".log.jsonl");
    }

    /** Sets every option given on the command line (the builder holds the command's defaults). */
    TrainConfig.Builder applyTo(TrainConfig.Builder b, Path out) {
        if (steps != null) b.steps(steps);
        if (batch != null) b.batch(batch);
        if (seqLen != null) b.seqLen(seqLen);
        if (accumulation != null) b.accumulation(accumulation);
        if (lr != null) b.lr(lr);
        if (minLr != null) b.minLr(minLr);
        if (warmup != null) b.warmupSteps(warmup);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (clip != null) b.gradClip(clip);
        if (evalInterval != null) b.evalInterval(evalInterval);
        if (evalWindows != null) b.evalWindows(evalWindows);
        if (checkpointInterval != null) b.checkpointInterval(checkpointInterval);
        if (seed != null) b.seed(seed);
        if (threads != null) b.threads(threads);
        return b.resume(resume).log(logFile(out));
    }
}
