package io.qat4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.train.checkpoint.Checkpoint;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.export.GgufExport;
import io.qat4j.train.model.GemmaModel;

/**
 * What one kind of training adds to the shared loop of {@link Trainer}: plain float training
 * ({@link #FLOAT}) uses every default; quantization-aware training sets fake-quant transforms,
 * replaces the loss by distillation, optimises learned scales, checkpoints them and exports the
 * quantized file. The loop itself — sampling, schedule, clipping, AdamW, evaluation, log,
 * checkpoints, resume — stays one piece of code.
 */
public interface TrainingRecipe extends AutoCloseable {

    /** Float training with cross-entropy, exported as F32. */
    TrainingRecipe FLOAT = new TrainingRecipe() {};

    /**
     * Called once the model holds its starting weights (random, {@code --init}, or the checkpoint's);
     * {@code resumed} is the checkpoint being continued, or null.
     */
    default void prepare(GemmaModel model, Checkpoint.Loaded resumed) throws IOException {}

    /**
     * One micro-batch: forward, backward adding {@code gradScale}·∂(Σ losses) to the gradients, and
     * the summed loss. {@code step} (0-based) and {@code micro} name the batch, for caches keyed by it.
     */
    default double microStep(GemmaModel model, int[] inputs, int[] targets, int batch, int seqLen, float gradScale,
            long step, int micro) throws IOException {
        model.forward(inputs, targets, batch, seqLen);
        double loss = model.lossSum();
        model.backward(gradScale);
        return loss;
    }

    /**
     * When every micro-batch of a step has added its gradients, before clipping and the update: the
     * recipe derives the gradients of its own parameters (learned scales) from the model's here.
     */
    default void beforeUpdate(GemmaModel model) {}

    /** After the model's AdamW update of a step (1-based {@code step}), e.g. to update learned scales. */
    default void afterUpdate(long step, double lr) {}

    /** Adds the recipe's fields to a step's log entry. */
    default void annotate(ObjectNode entry) {}

    /** Adds the recipe's options to those a checkpoint records. */
    default void describe(ObjectNode options) {}

    /** The recipe's own state to checkpoint, 1-D float tensors by name. */
    default Map<String, float[]> checkpointState() {
        return Map.of();
    }

    /** Writes the trained model. */
    default void export(Path out, String name, GemmaModel model, Tokenizer tokenizer) throws IOException {
        GgufExport.write(out, name, model.config(), model.parameters(), tokenizer);
    }

    @Override
    default void close() throws IOException {}
}
