package io.qat4j.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.testkit.Q4KBlockEncoder;
import io.qat4j.testkit.Q6KBlockEncoder;

/**
 * Q4_K and Q6_K have no golden file here, so blocks are built from chosen fields by independent
 * encoders of ggml's block layouts, and the codec must decode every element to d·sc·q − dmin·m
 * (Q4_K) or d·sc·(q − 32) (Q6_K), evaluated in float in that order.
 */
class KQuantDequantizationProperties {

    /** A random fp16 scale: mostly ordinary positive magnitudes, sometimes zero, negative or subnormal. */
    private static short randomHalf(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> (short) r.nextInt(0x400); // subnormal
            case 2 -> Float.floatToFloat16(-(float) r.nextDouble());
            default -> Float.floatToFloat16((float) Math.scalb(0.5 + r.nextDouble(), -r.nextInt(16)));
        };
    }

    /** Builds one random super-block and writes the 256 values it must decode to into {@code expected[at..]}. */
    private interface SuperBlockMaker {
        byte[] make(Random r, float[] expected, int at);
    }

    @Property(tries = 300)
    void q4_KDecodesEveryElement(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int superBlocks,
            @ForAll @IntRange(min = 0, max = 9) int byteOffset) {
        assertDecodesRandomBlocks(Q4_KCodec.INSTANCE, seed, superBlocks, byteOffset, (r, expected, at) -> {
            short d = randomHalf(r);
            short dmin = randomHalf(r);
            int[] scales = r.ints(8, 0, 64).toArray();
            int[] mins = r.ints(8, 0, 64).toArray();
            if (r.nextInt(4) == 0) {
                Arrays.fill(scales, 63); // every high bit set
                Arrays.fill(mins, 63);
            }
            int[] codes = r.ints(256, 0, 16).toArray();
            float df = Float.float16ToFloat(d);
            float dminf = Float.float16ToFloat(dmin);
            for (int i = 0; i < 256; i++) {
                expected[at + i] = df * scales[i / 32] * codes[i] - dminf * mins[i / 32];
            }
            return Q4KBlockEncoder.encode(d, dmin, scales, mins, codes);
        });
    }

    @Property(tries = 300)
    void q6_KDecodesEveryElement(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int superBlocks,
            @ForAll @IntRange(min = 0, max = 9) int byteOffset) {
        assertDecodesRandomBlocks(Q6_KCodec.INSTANCE, seed, superBlocks, byteOffset, (r, expected, at) -> {
            short d = randomHalf(r);
            byte[] scales = new byte[16];
            r.nextBytes(scales);
            if (r.nextInt(4) == 0) {
                scales[r.nextInt(16)] = Byte.MIN_VALUE;
            }
            int[] codes = r.ints(256, 0, 64).toArray();
            if (r.nextInt(4) == 0) {
                Arrays.fill(codes, 0, 128, 63);
            }
            float df = Float.float16ToFloat(d);
            for (int i = 0; i < 256; i++) {
                expected[at + i] = df * scales[i / 16] * (codes[i] - 32);
            }
            return Q6KBlockEncoder.encode(d, scales, codes);
        });
    }

    /** Lays {@code superBlocks} made blocks out after {@code byteOffset} bytes and decodes them all at once. */
    private static void assertDecodesRandomBlocks(TensorCodec codec, long seed, int superBlocks, int byteOffset,
            SuperBlockMaker maker) {
        var r = new Random(seed);
        int blockBytes = codec.type().blockBytes();
        float[] expected = new float[256 * superBlocks];
        MemorySegment src = MemorySegment.ofArray(new byte[byteOffset + blockBytes * superBlocks]);
        for (int s = 0; s < superBlocks; s++) {
            byte[] block = maker.make(r, expected, 256 * s);
            assertThat(block).hasSize(blockBytes);
            MemorySegment.copy(block, 0, src, ValueLayout.JAVA_BYTE, byteOffset + (long) blockBytes * s, blockBytes);
        }
        assertDecodes(codec, src, byteOffset, expected);
    }

    private static void assertDecodes(TensorCodec codec, MemorySegment src, long offset, float[] expected) {
        float[] out = new float[expected.length + 3];
        codec.dequantize(src, offset, out, 3, expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(out[3 + i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(codec.type() + " element " + i + " (super-block " + i / 256 + ", sub-block "
                        + (i % 256) / (codec.type() == GgmlType.Q4_K ? 32 : 16) + "): decoded " + out[3 + i]
                        + ", expected " + expected[i]);
            }
        }
    }

    /** One hand-checked value per layout corner, independent of the loops above. */
    @Test
    void handPickedElements() {
        int[] scales = {1, 2, 3, 4, 33, 46, 59, 63};
        int[] mins = {5, 6, 7, 8, 17, 34, 51, 62};
        int[] codes = new int[256];
        codes[0] = 15;
        codes[32] = 1;
        codes[255] = 7;
        codes[160] = 9;
        short one = Float.floatToFloat16(1f);
        short half = Float.floatToFloat16(0.5f);
        float[] out = new float[256];
        Q4_KCodec.INSTANCE.dequantize(MemorySegment.ofArray(Q4KBlockEncoder.encode(one, half, scales, mins, codes)),
                0, out, 0, 256);
        assertThat(out[0]).isEqualTo(1 * 15 - 0.5f * 5);
        assertThat(out[32]).isEqualTo(2 * 1 - 0.5f * 6);
        assertThat(out[160]).as("sub-block 5: scale 46 = 0b101110, min 34").isEqualTo(46 * 9 - 0.5f * 34);
        assertThat(out[255]).as("sub-block 7: scale 63, min 62").isEqualTo(63 * 7 - 0.5f * 62);
        assertThat(out[200]).isEqualTo(-0.5f * 51);

        byte[] s6 = {1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -128};
        int[] q6 = new int[256];
        Arrays.fill(q6, 32);
        q6[0] = 63;
        q6[17] = 0;
        q6[100] = 40;
        q6[255] = 1;
        Q6_KCodec.INSTANCE.dequantize(MemorySegment.ofArray(Q6KBlockEncoder.encode(half, s6, q6)), 0, out, 0, 256);
        assertThat(out[0]).isEqualTo(0.5f * 1 * 31);
        assertThat(out[17]).isEqualTo(0.5f * -1 * -32);
        assertThat(out[100]).as("scale index 6").isEqualTo(0.5f * 4 * 8);
        assertThat(out[255]).as("scale -128").isEqualTo(0.5f * -128 * -31);
        assertThat(out[128]).isZero();
    }

    /** A Q6_K tensor in a GGUF file decodes through the reader and TensorCodec.forTensor. */
    @Test
    void kQuantTensorThroughAFile(@TempDir Path dir) throws Exception {
        var r = new Random(11);
        byte[] scales = new byte[16];
        r.nextBytes(scales);
        int[] codes = r.ints(256, 0, 64).toArray();
        short d = Float.floatToFloat16(0.01f);
        byte[] twoRows = new byte[2 * Q6KBlockEncoder.BLOCK_BYTES];
        byte[] block = Q6KBlockEncoder.encode(d, scales, codes);
        System.arraycopy(block, 0, twoRows, 0, block.length);
        System.arraycopy(block, 0, twoRows, block.length, block.length);
        Path p = dir.resolve("k.gguf");
        new GgufWriter().addTensor("output.weight", GgmlType.Q6_K, new long[] {256, 2}, MemorySegment.ofArray(twoRows))
                .write(p);
        try (GgufFile f = GgufReader.open(p)) {
            var t = f.tensor("output.weight");
            float[] out = new float[512];
            TensorCodec.forTensor(f.name(), t).dequantize(f.data(t), 0, out, 0, 512);
            for (int i = 0; i < 512; i++) {
                assertThat(out[i]).isEqualTo(Float.float16ToFloat(d) * scales[(i % 256) / 16] * (codes[i % 256] - 32));
            }
        }
    }
}
