package io.qat4j.eval;

/** What an evaluation reports while it runs (for a progress bar). */
public interface EvalProgress {

    /** {@code done} of {@code total} windows scored (all models of the window included). */
    void onWindows(long done, long total);

    /** A model's speed test is starting. */
    default void onSpeedTest(String label, int index, int count) {}

    EvalProgress NONE = (done, total) -> {};
}
