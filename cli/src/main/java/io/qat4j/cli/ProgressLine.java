package io.qat4j.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr (so stdout stays clean for output and JSON). */
final class ProgressLine implements AutoCloseable {
    private final ProgressBar bar;

    ProgressLine(String task, long total) {
        this(task, total, "");
    }

    ProgressLine(String task, long total, String unit) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUnit(unit, 1)
                .showSpeed()
                .continuousUpdate()
                .setMaxRenderedLength(140)
                .build();
    }

    void step(long done) {
        bar.stepTo(done);
    }

    /** Changes the total (when it is known only once the work has started). */
    void max(long total) {
        bar.maxHint(total);
    }

    void extra(String message) {
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
