package io.qat4j.train.qat;

import java.nio.file.Path;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BlockGrid;

/**
 * What {@code qat4j qat} adds to a training run (the rest — data, steps, schedule, threads, seed,
 * log, checkpoints — is the {@link io.qat4j.train.TrainConfig}, whose {@code init} is the teacher).
 *
 * @param teacher         the float model: the student's starting weights and, for {@link QatLoss#KD}, the teacher
 * @param type            the target format of the weight matrices: Q4_0 or Q8_0
 * @param loss            distillation or cross-entropy
 * @param temperature     the distillation temperature T
 * @param embedding       the embedding's type by name (f32|f16|bf16|q8_0|q4_0), null for llama-quantize's choice;
 *                        it is fake-quantized in that type during training
 * @param learnedScales   learn a scale per block of 32 (LSQ-style) for every Q4_0/Q8_0 tensor
 * @param scaleLrFactor   the learned scales' learning rate as a multiple of the weights'
 * @param teacherTopK     0: the teacher runs on every batch and all its logits are used; k > 0: its top-k
 *                        logits are cached on disk ({@code teacherCache}) and distillation uses those
 * @param teacherCache    the cache file when teacherTopK > 0
 */
public record QatOptions(Path teacher, GgmlType type, QatLoss loss, double temperature, String embedding,
        boolean learnedScales, double scaleLrFactor, int teacherTopK, Path teacherCache) {

    public QatOptions {
        if (teacher == null) {
            throw new IllegalArgumentException("the teacher GGUF (--teacher) is required");
        }
        if (!BlockGrid.supports(type)) {
            throw new IllegalArgumentException("--type " + type + " is not a QAT target (q4_0 or q8_0)");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("--kd-temperature must be positive, got " + temperature);
        }
        if (!(scaleLrFactor > 0)) {
            throw new IllegalArgumentException("the scale learning-rate factor must be positive, got " + scaleLrFactor);
        }
        if (teacherTopK < 0) {
            throw new IllegalArgumentException("the teacher cache's k must be positive, got " + teacherTopK);
        }
        if (teacherTopK > 0 && (teacherCache == null || loss != QatLoss.KD)) {
            throw new IllegalArgumentException("a teacher cache needs --loss kd and a cache file");
        }
    }
}
