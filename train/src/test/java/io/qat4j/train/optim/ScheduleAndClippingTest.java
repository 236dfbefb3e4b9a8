package io.qat4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleAndClippingTest {

    @Test
    void warmupThenCosineToTheFloor() {
        var s = new LrSchedule(1e-3, 1e-4, 10, 110);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-15));
        assertThat(s.at(60)).isCloseTo(5.5e-4, within(1e-12));
        assertThat(s.at(110)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.at(500)).isCloseTo(1e-4, within(1e-15));
        for (int i = 11; i < 110; i++) {
            assertThat(s.at(i)).isLessThan(s.at(i - 1));
        }
    }

    @Test
    void clipsTheGlobalNormLikeTorch() {
        float[] g = {3, 4, 0};
        double norm = GradientClipping.clip(g, 3, 1.0);
        assertThat(norm).isEqualTo(5.0);
        assertThat((double) g[0]).isCloseTo(0.6, within(1e-6));
        assertThat((double) g[1]).isCloseTo(0.8, within(1e-6));
        float[] small = {0.3f, 0.4f};
        GradientClipping.clip(small, 2, 1.0);
        assertThat(small).containsExactly(0.3f, 0.4f);
        float[] off = {30, 40};
        GradientClipping.clip(off, 2, 0);
        assertThat(off).containsExactly(30f, 40f);
    }
}
