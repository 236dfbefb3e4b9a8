package io.qat4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.testkit.TestData;

class KvCacheTest {

    @Test
    void plannedBytesMatchTheTinyModelsLayoutAndWhatACacheHolds() throws Exception {
        Gemma3Config c;
        try (var file = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf"))) {
            c = Gemma3Config.fromGguf(file);
        }
        // The tiny model (README): 6 layers, layers 0-4 local with window 8, 2 KV heads × head_dim 16.
        // A ring holds window + batch − 1 = 8 + 16 − 1 = 23 positions; the global layer all 128.
        // K and V, 4 bytes each: positions × 32 × 2 × 4.
        long rings = (5 * 23 + 128) * 32L * 2 * 4;
        long full = 6 * 128 * 32L * 2 * 4;
        assertThat(KvCache.bytes(c, 128, 16, false)).isEqualTo(rings).isEqualTo(new KvCache(c, 128, 16, false).byteSize());
        assertThat(KvCache.bytes(c, 128, 16, true)).isEqualTo(full).isEqualTo(new KvCache(c, 128, 16, true).byteSize());
    }
}
