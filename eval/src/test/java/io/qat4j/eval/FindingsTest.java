package io.qat4j.eval;

import static io.qat4j.eval.GapRecoveryTest.model;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FindingsTest {

    private static List<String> findings(ModelResult... models) {
        return Findings.of(new EvalResult("corpus.txt", "test", 1000, 256, 0, "/m/float.gguf", 2, -1,
                GapRecovery.apply(List.of(models))));
    }

    @Test
    void anUnconvergedFloatModelIsCalledOutAndQatIsMeasuredAgainstItInstead() {
        // The numbers of a two-minute demo: the control's extra steps gain 10× what Q4_0 costs.
        var f = findings(model("float", "F32", 2.2420), model("q8_0-rtn", "Q8_0", 2.2420), model("q4_0-rtn", "Q4_0", 2.2430),
                model("q4_0-qat", "Q4_0", 2.2423), model("control", "F32", 2.2318));
        assertThat(f).noneMatch(line -> line.startsWith("q4_0-qat recovers"));
        assertThat(f).as("Q8_0 costs nothing, but no other Q8_0 model is measured against it")
                .noneMatch(line -> line.contains("too small to measure"));
        assertThat(f).anyMatch(line -> line.contains("the float model is far from converged")
                && line.contains("q4_0-qat recovers 70 % of the RTN gap"));
    }

    @Test
    void aGapTooSmallToMeasureIsSaidWhereAQatModelWouldBeMeasuredAgainstIt() {
        var f = findings(model("float", "F32", 2.2420), model("q4_0-rtn", "Q4_0", 2.24195), model("q4_0-qat", "Q4_0", 2.2421));
        assertThat(f).anyMatch(line -> line.contains("too small to measure"));
    }

    @Test
    void aConvergedFloatModelLeadsWithTheRecoveryAgainstTheControl() {
        var f = findings(model("float", "F32", 1.7022), model("q4_0-rtn", "Q4_0", 1.7149), model("q4_0-qat", "Q4_0", 1.7040),
                model("control", "F32", 1.7020));
        assertThat(f.getFirst()).startsWith("q4_0-qat recovers 84 % of the Q4_0 RTN gap");
        assertThat(f).noneMatch(line -> line.contains("far from converged"));
    }
}
