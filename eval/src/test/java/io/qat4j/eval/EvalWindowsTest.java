package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EvalWindowsTest {

    @Property
    void everyTokenIsPredictedExactlyOnce(@ForAll @IntRange(min = 0, max = 5000) int tokens,
            @ForAll @IntRange(min = 1, max = 300) int size) {
        int[] predicted = new int[tokens];
        var windows = EvalWindows.plan(tokens, size, 0);
        int next = 0;
        for (var w : windows) {
            assertThat(w.start()).isEqualTo(next); // contiguous, no overlap, in order
            assertThat(w.length()).isBetween(1, size);
            for (int i = w.start(); i < w.start() + w.length(); i++) {
                predicted[i]++;
            }
            next = w.start() + w.length();
        }
        assertThat(predicted).containsOnly(tokens == 0 ? new int[0] : new int[] {1});
        assertThat(windows).hasSize((tokens + size - 1) / size);
        for (int i = 0; i + 1 < windows.size(); i++) {
            assertThat(windows.get(i).length()).as("only the last window is shorter").isEqualTo(size);
        }
    }

    @Test
    void theInputIsBosThenTheWindowWithoutItsLastToken() {
        int[] tokens = {10, 11, 12, 13, 14, 15, 16};
        var windows = EvalWindows.plan(tokens.length, 3, 0);
        assertThat(windows).containsExactly(new EvalWindows.Window(0, 3), new EvalWindows.Window(3, 3),
                new EvalWindows.Window(6, 1));
        int[] in = new int[3];
        EvalWindows.input(tokens, windows.get(1), 99, in);
        assertThat(in).containsExactly(99, 13, 14); // predicts 13, 14, 15
        EvalWindows.input(tokens, windows.get(2), 99, in);
        assertThat(in[0]).isEqualTo(99); // predicts 16 from BOS alone
    }

    @Test
    void maxWindowsKeepsTheFirstOnes() {
        assertThat(EvalWindows.plan(1000, 256, 2)).containsExactly(new EvalWindows.Window(0, 256),
                new EvalWindows.Window(256, 256));
        assertThat(EvalWindows.plan(100, 256, 5)).containsExactly(new EvalWindows.Window(0, 100));
        assertThatThrownBy(() -> EvalWindows.plan(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTestSplitOfTheBenchmarkCorpusHasTheReferenceWindowCount() {
        // testdata/corpus/README.md: the test split holds 211,802 bytes = 827 full windows of 256 and one of 90.
        var windows = EvalWindows.plan(211_802, 256, 0);
        assertThat(windows).hasSize(828);
        assertThat(windows.getLast().length()).isEqualTo(211_802 - 827 * 256);
    }
}
