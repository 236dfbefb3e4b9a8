package io.qat4j.infer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class StopStringFilterTest {
    @Test
    void holdsBackAPossibleStopStringUntilItIsDecided() {
        var f = new StopStringFilter(List.of("END"));
        assertThat(f.accept("hello E")).isEqualTo("hello ");
        assertThat(f.accept("N")).isEmpty();
        assertThat(f.accept("x")).isEqualTo("ENx");
        assertThat(f.stopped()).isFalse();
        assertThat(f.accept(" the END of it")).isEqualTo(" the ");
        assertThat(f.stopped()).isTrue();
        assertThat(f.accept("more")).isEmpty();
        assertThat(f.flush()).isEmpty();
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        var f = new StopStringFilter(List.of("cd", "b"));
        assertThat(f.accept("abcd")).isEqualTo("a");
    }

    @Test
    void flushReleasesAHeldBackTailWhenGenerationEndsOtherwise() {
        var f = new StopStringFilter(List.of("###"));
        assertThat(f.accept("text ##")).isEqualTo("text ");
        assertThat(f.flush()).isEqualTo("##");
    }

    /** Whatever the chunking, the released text is the input cut before the first stop string. */
    @Property(tries = 500)
    void releasedTextIsTheInputCutAtTheFirstStop(@ForAll @AlphaChars @StringLength(max = 60) String text,
            @ForAll @AlphaChars @StringLength(min = 1, max = 4) String stop, @ForAll @IntRange(min = 1, max = 7) int chunk) {
        var f = new StopStringFilter(List.of(stop));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += chunk) {
            out.append(f.accept(text.substring(i, Math.min(text.length(), i + chunk))));
        }
        out.append(f.flush());
        int at = text.indexOf(stop);
        assertThat(out.toString()).isEqualTo(at >= 0 ? text.substring(0, at) : text);
    }
}
