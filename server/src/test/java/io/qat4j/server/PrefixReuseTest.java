package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.qat4j.infer.api.ModelOptions;

class PrefixReuseTest {

    @Test
    void autoTurnsReuseOnWhenTheFullCachesTakeAtMostHalfTheFreeHeap() {
        assertThat(PrefixReuse.decide(PrefixReuse.Mode.AUTO, 100, 200)).isTrue();
        assertThat(PrefixReuse.decide(PrefixReuse.Mode.AUTO, 101, 200)).isFalse();
        assertThat(PrefixReuse.decide(PrefixReuse.Mode.ON, 1L << 40, 200)).isTrue();
        assertThat(PrefixReuse.decide(PrefixReuse.Mode.OFF, 1, 1L << 40)).isFalse();
    }

    @Test
    void thePlanForTheTinyModelCountsEverySlotsFullCache() throws Exception {
        // Tiny model (testdata README): 6 layers × 128 positions × (2 KV heads × 16) × K and V × 4 bytes per slot.
        var options = ModelOptions.defaults().withSlots(3, 8);
        var plan = PrefixReuse.plan(PrefixReuse.Mode.AUTO, TestServer.modelPath(), options);
        assertThat(plan.enabled()).isTrue();
        assertThat(plan.cacheBytes()).isEqualTo(3 * 6 * 128 * 32L * 2 * 4);
        assertThat(plan.apply(options).reusePrefixes()).isTrue();
        var off = PrefixReuse.plan(PrefixReuse.Mode.OFF, TestServer.modelPath(), options);
        // Rings of window 8 + prefill chunk 128 − 1, capped at the context: all 128 on this tiny model.
        assertThat(off.cacheBytes()).isEqualTo(3 * 6 * 128 * 32L * 2 * 4);
        assertThat(off.describe()).startsWith("prefix reuse off");
    }
}
