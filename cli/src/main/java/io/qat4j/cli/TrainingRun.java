package io.qat4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainProgress;
import io.qat4j.train.TrainResult;
import io.qat4j.train.Trainer;

/**
 * Runs a {@link Trainer} from the command line: a progress bar with the loss, throughput and last
 * validation bits per byte, and Ctrl-C turned into a checkpoint. The shutdown hook asks the trainer
 * to stop and waits for it to write its checkpoint, since the JVM exits once its hooks return.
 */
final class TrainingRun {
    private static final long CHECKPOINT_WAIT_SECONDS = 120;

    private TrainingRun() {}

    static TrainResult run(String task, Trainer trainer, TrainConfig config) throws IOException {
        // Missing inputs are reported before a progress bar is drawn (the trainer would find them after).
        for (Path input : new Path[] {config.data(), config.init(), config.resume()}) {
            if (input != null && !Files.exists(input)) {
                throw new NoSuchFileException(input.toString());
            }
        }
        var finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                finished.await(CHECKPOINT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qat4j-" + task + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // A fresh run shows its bar at once; a resumed one draws it from the checkpoint's step, once loaded.
        if (config.resume() != null) {
            System.err.printf("%s: resuming from %s ...%n", task, config.resume());
        }
        try (var bar = config.resume() == null ? new ProgressLine(task, config.steps(), " steps")
                : ProgressLine.deferred(task, config.steps(), " steps")) {
            return trainer.run(new TrainProgress() {
                double lastVal = Double.NaN;

                @Override
                public void onStart(long firstStep, long total) {
                    bar.startAt(firstStep);
                }

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
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C): the hook has run.
            }
        }
    }

    /** Prints how a run ended; returns the exit code (130 when stopped early). */
    static int report(String task, TrainResult r, Path log) {
        if (r.stopped()) {
            System.err.printf("stopped at step %d; resume with: --resume %s%n", r.steps(), r.checkpoint());
            return 130;
        }
        System.err.printf("%s: %d steps, loss %.4f, validation %.4f bits/byte (%.4f nats/token), %.0f tokens/s%n", task,
                r.steps(), r.lastLoss(), r.valBitsPerByte(), r.valLoss(), r.tokensPerSecond());
        System.err.printf("model: %s   log: %s   checkpoint: %s%n", r.model(), log, r.checkpoint());
        return 0;
    }
}
