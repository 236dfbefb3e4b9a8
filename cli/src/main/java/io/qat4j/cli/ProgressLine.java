package io.qat4j.cli;

import java.io.IOException;
import java.text.DecimalFormat;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.TerminalBuilder;

/**
 * A progress bar on stderr (so stdout stays clean for output and JSON).
 *
 * <p>The bar is given its width, so the progress bar library never opens a JLine terminal itself: JLine
 * 3 does so with native signals on, which resets SIGINT to the OS default and makes Ctrl-C kill the JVM
 * without running its shutdown hooks (the hook that turns Ctrl-C into a training checkpoint; the same
 * bug as JDK-8332921 in jshell). The width is asked once of a terminal opened with native signals off.
 */
final class ProgressLine implements AutoCloseable {
    /** Width when stderr is not a terminal (a log file does not wrap). */
    private static final int UNWRAPPED_WIDTH = 140;
    private static int width;

    private final ProgressBarBuilder builder;
    /** Drawn at once, or for a deferred line at its first report. */
    private ProgressBar bar;

    ProgressLine(String task, long total) {
        this(task, total, "");
    }

    ProgressLine(String task, long total, String unit) {
        this(task, total, unit, false);
    }

    private ProgressLine(String task, long total, String unit, boolean deferred) {
        builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, width()))
                .setUnit(unit, 1)
                .showSpeed(new DecimalFormat("0.0"))
                .continuousUpdate();
        if (!deferred) {
            bar = builder.build();
        }
    }

    /**
     * A line drawn only from {@link #startAt} or the first {@link #step}: a resumed run starts at the step it
     * resumes from, so its rate and ETA count this run's work, not the steps done before.
     */
    static ProgressLine deferred(String task, long total, String unit) {
        return new ProgressLine(task, total, unit, true);
    }

    /** Starts a deferred line at {@code done}; no effect once the line is drawn. */
    void startAt(long done) {
        if (bar == null) {
            bar = builder.startsFrom(done, Duration.ZERO).build();
        }
    }

    private ProgressBar bar() {
        if (bar == null) {
            bar = builder.build();
        }
        return bar;
    }

    /** The terminal's width less one column (a full line would wrap), or {@link #UNWRAPPED_WIDTH}. */
    private static synchronized int width() {
        if (width == 0) {
            int columns = 0;
            try (var terminal = TerminalBuilder.builder().system(true).nativeSignals(false).dumb(true)
                    .systemOutput(TerminalBuilder.SystemOutput.SysErr).build()) {
                columns = terminal.getWidth();
            } catch (IOException | RuntimeException e) {
                // no terminal to ask: draw unwrapped lines
            }
            width = columns >= 20 ? columns - 1 : UNWRAPPED_WIDTH;
        }
        return width;
    }

    void step(long done) {
        bar().stepTo(done);
    }

    /** Changes the total (when it is known only once the work has started). */
    void max(long total) {
        if (bar == null) {
            builder.setInitialMax(total);
        } else {
            bar.maxHint(total);
        }
    }

    /** Text shown after the speed. */
    void extra(String message) {
        bar().setExtraMessage(message.isEmpty() ? message : " · " + message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
