package io.qat4j.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.qat4j.core.gguf.GgmlType;

/**
 * A chosen scale goes through the same rounding as the codec: with the round-to-nearest scale,
 * {@link BlockGrid#levels} and {@link BlockGrid#writeBlock} give the codec's bytes; with any other
 * scale the levels are clamped to the format's range and the block decodes to scale · level.
 */
class BlockGridTest {

    @Test
    void withTheNearestScaleTheGridWritesTheCodecsBytes() {
        var rnd = new SplittableRandom(7);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0}) {
            BlockGrid grid = BlockGrid.of(type);
            TensorCodec codec = TensorCodec.of(type);
            for (int trial = 0; trial < 2000; trial++) {
                float[] x = new float[32];
                double scale = Math.exp(rnd.nextDouble(-12, 3));
                for (int j = 0; j < 32; j++) {
                    x[j] = trial % 17 == 0 && j % 3 == 0 ? 0f : (float) (rnd.nextGaussian() * scale);
                }
                MemorySegment expected = codec.quantize(x);
                byte[] levels = new byte[32];
                float d = grid.nearestScale(x, 0);
                grid.levels(x, 0, d, levels);
                MemorySegment actual = MemorySegment.ofArray(new byte[type.blockBytes()]);
                grid.writeBlock(Float.floatToFloat16(d), levels, actual, 0);
                assertThat(actual.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).as("%s trial %d", type, trial)
                        .isEqualTo(expected.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            }
        }
    }

    @Test
    void aSmallerScaleClampsToTheLevelRangeAndDecodesToScaleTimesLevel() {
        float[] x = new float[32];
        x[0] = -8;
        x[1] = 7;
        x[2] = 3.2f;
        x[3] = -100;
        x[4] = 100;
        byte[] levels = new byte[32];
        BlockGrid q4 = BlockGrid.of(GgmlType.Q4_0);
        q4.levels(x, 0, 0.5f, levels);
        assertThat(levels).startsWith(-8, 7, 6, -8, 7, 0);
        MemorySegment block = MemorySegment.ofArray(new byte[18]);
        q4.writeBlock(Float.floatToFloat16(0.5f), levels, block, 0);
        float[] back = new float[32];
        Q4_0Codec.INSTANCE.dequantize(block, 0, back, 0, 32);
        assertThat(back).startsWith(-4f, 3.5f, 3f, -4f, 3.5f, 0f);

        BlockGrid q8 = BlockGrid.of(GgmlType.Q8_0);
        q8.levels(x, 0, 0.5f, levels);
        assertThat(levels).startsWith(-16, 14, 6, -127, 127, 0);
        MemorySegment block8 = MemorySegment.ofArray(new byte[34]);
        q8.writeBlock(Float.floatToFloat16(0.5f), levels, block8, 0);
        Q8_0Codec.INSTANCE.dequantize(block8, 0, back, 0, 32);
        assertThat(back).startsWith(-8f, 7f, 3f, -63.5f, 63.5f, 0f);
    }
}
