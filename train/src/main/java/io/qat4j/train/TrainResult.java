package io.qat4j.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param steps            optimiser steps completed
 * @param stopped          true when {@link Trainer#requestStop()} ended it early (a checkpoint was written)
 * @param lastLoss         mean training loss of the last step
 * @param valLoss          the last validation loss per token (NaN when never evaluated)
 * @param valBitsPerByte   the last validation bits per byte (NaN when never evaluated)
 * @param tokensPerSecond  training throughput over the steps of this invocation
 * @param model            the exported GGUF (null when stopped early)
 * @param checkpoint       the last checkpoint written (null when none)
 */
public record TrainResult(long steps, boolean stopped, double lastLoss, double valLoss, double valBitsPerByte,
        double tokensPerSecond, Path model, Path checkpoint) {
}
