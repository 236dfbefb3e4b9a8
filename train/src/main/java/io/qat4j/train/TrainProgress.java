package io.qat4j.train;

/** What a running {@link Trainer} reports; the CLI draws its progress bar from these calls. */
public interface TrainProgress {
    /** No reporting. */
    TrainProgress NONE = (step, total, loss, tokensPerSecond) -> {};

    /**
     * Once, before the first step of this run: {@code firstStep} steps are already done (0, or the step a
     * resumed checkpoint holds) out of {@code total}.
     */
    default void onStart(long firstStep, long total) {}

    /** After each optimiser step (1-based). */
    void onStep(long step, long total, double loss, double tokensPerSecond);

    /** After each evaluation on the validation split. */
    default void onEval(long step, double valLoss, double bitsPerByte) {}

    /** After a checkpoint was written. */
    default void onCheckpoint(long step, java.nio.file.Path path) {}
}
