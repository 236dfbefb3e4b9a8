package io.qat4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How a token stream is cut for scoring (testdata/corpus/README.md): non-overlapping windows of
 * {@code size} tokens, the last one shorter; each window w is fed as {@code [BOS] + w[:-1]} and
 * predicts w, so every token of the stream is predicted exactly once, with at most size − 1 tokens of
 * context.
 */
public final class EvalWindows {

    /** Tokens [start, start + length) of the stream. */
    public record Window(int start, int length) {}

    private EvalWindows() {}

    /**
     * @param maxWindows keep only the first windows (0 = all of them)
     */
    public static List<Window> plan(int tokens, int size, int maxWindows) {
        if (size < 1 || maxWindows < 0) {
            throw new IllegalArgumentException("window size must be >= 1 and max windows >= 0 (got " + size + ", "
                    + maxWindows + ")");
        }
        var windows = new ArrayList<Window>();
        for (int start = 0; start < tokens && (maxWindows == 0 || windows.size() < maxWindows); start += size) {
            windows.add(new Window(start, Math.min(size, tokens - start)));
        }
        return windows;
    }

    /** Writes the window's model input, {@code [BOS] + w[:-1]}, to {@code input[0 .. length)}. */
    public static void input(int[] tokens, Window w, int bos, int[] input) {
        input[0] = bos;
        System.arraycopy(tokens, w.start(), input, 1, w.length() - 1);
    }
}
