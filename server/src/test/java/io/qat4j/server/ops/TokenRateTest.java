package io.qat4j.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenRateTest {

    @Test
    void theRateSpansTheWindowOfSamples() {
        var counter = new AtomicLong();
        var rate = new TokenRate(counter::get, 3);
        assertThat(rate.perSecond()).isZero();
        rate.sample(0);
        counter.set(50);
        rate.sample(1_000_000_000L);
        assertThat(rate.perSecond()).isCloseTo(50, within(1e-9));
        counter.set(250);
        rate.sample(2_000_000_000L);
        assertThat(rate.perSecond()).isCloseTo(125, within(1e-9)); // (250 − 0) / 2 s
        counter.set(250);
        rate.sample(3_000_000_000L); // the first sample leaves the window: (250 − 50) / 2 s
        assertThat(rate.perSecond()).isCloseTo(100, within(1e-9));
        rate.sample(4_000_000_000L);
        assertThat(rate.perSecond()).isCloseTo(0, within(1e-9)); // nothing generated for 2 s
    }
}
