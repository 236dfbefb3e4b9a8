package io.qat4j.train.checkpoint;

import io.qat4j.core.model.Gemma3Config;

/**
 * Everything besides the tensors that a resumed run needs to continue exactly where it stopped.
 *
 * @param step          optimiser steps completed
 * @param samplerState  the batch sampler's generator state after those steps
 * @param model         the model shape
 * @param tokenizer     the tokenizer choice ({@code bytes} or a vocabulary file)
 * @param options       the run's options as JSON (for the record, and to detect a changed resume)
 */
public record TrainingState(long step, long samplerState, Gemma3Config model, String tokenizer, String options) {
}
