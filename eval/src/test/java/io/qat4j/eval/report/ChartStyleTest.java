package io.qat4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChartStyleTest {

    @Test
    void labelsSlantOnlyAsMuchAsTheyNeedToFitEveryOneOfThem() {
        assertThat(ChartStyle.labelRotation(List.of("float", "rtn", "qat"), 760)).isZero();
        assertThat(ChartStyle.labelRotation(List.of("float", "Q4_0 RTN", "Q4_0 QAT-kd-e4", "control", "Q8_0 RTN",
                "PTQ"), 760)).as("14 characters in 107 px: 25 degrees fit").isEqualTo(25);
        // issue 9's eleven models: slanted they would overlap, and XChart would drop every other name
        var eleven = Collections.nCopies(10, "Q4_0-PTQ-calib-emb4");
        assertThat(ChartStyle.labelRotation(eleven, 760)).isEqualTo(90);
        assertThat(ChartStyle.uprightLabelHeight(eleven, 760)).isEqualTo(19 * 8 - 40);
        assertThat(ChartStyle.uprightLabelHeight(List.of("a", "b"), 760)).isZero();
    }
}
