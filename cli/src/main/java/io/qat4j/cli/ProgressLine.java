package io.qat4j.cli;

import java.io.IOException;
import java.text.DecimalFormat;

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

    private final ProgressBar bar;

    ProgressLine(String task, long total) {
        this(task, total, "");
    }

    ProgressLine(String task, long total, String unit) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, width()))
                .setUnit(unit, 1)
                .showSpeed(new DecimalFormat("0.0"))
                .continuousUpdate()
                .build();
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
        bar.stepTo(done);
    }

    /** Changes the total (when it is known only once the work has started). */
    void max(long total) {
        bar.maxHint(total);
    }

    /** Text shown after the speed. */
    void extra(String message) {
        bar.setExtraMessage(message.isEmpty() ? message : " · " + message);
    }

    @Override
    public void close() {
        bar.close();
    }
}
