package io.qat4j.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.testkit.TestData;

/**
 * The acceptance criterion: quantizing the F32 model with our codecs reproduces, byte for byte, what
 * llama.cpp's llama-quantize wrote; and fake quantization reproduces the PyTorch reference's
 * dequantized values, fp16 scales and codes.
 */
class GgmlQuantizerGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"q8_0", "q4_0"})
    void quantizingTheF32ModelReproducesLlamaQuantize(String variant) throws Exception {
        var counts = new EnumMap<GgmlType, Integer>(GgmlType.class);
        try (GgufFile f32 = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
                GgufFile q = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf"))) {
            for (TensorInfo target : q.tensors().values()) { // a different order: match by name
                TensorInfo source = f32.tensor(target.name());
                assertThat(source.type()).isEqualTo(GgmlType.F32);
                assertThat(target.ne()).as(target.name()).containsExactly(source.ne());
                float[] x = floats(f32, source);
                MemorySegment ours = TensorCodec.of(target.type()).quantize(x);
                MemorySegment theirs = q.data(target);
                long at = ours.mismatch(theirs);
                assertThat(at).as("%s as %s: first differing byte %d (block %d)", target.name(), target.type(), at,
                        at / target.type().blockBytes()).isEqualTo(-1);
                counts.merge(target.type(), 1, Integer::sum);
            }
        }
        // README "Tensor types after quantization": 43 matrices (token_embd + 7 per layer), 37 norms.
        Map<GgmlType, Integer> expected = variant.equals("q8_0")
                ? Map.of(GgmlType.Q8_0, 43, GgmlType.F32, 37)
                : Map.of(GgmlType.Q4_0, 42, GgmlType.Q8_0, 1, GgmlType.F32, 37);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /**
     * Dequantizing the golden quantized tensors gives values within the quantization error of the F32
     * originals, plus what storing the scale in fp16 (relative error up to 2^-11, times the largest
     * code) adds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"q8_0", "q4_0"})
    void dequantizedGoldenTensorsStayCloseToTheOriginals(String variant) throws Exception {
        try (GgufFile f32 = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
                GgufFile q = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf"))) {
            for (TensorInfo t : q.tensors().values()) {
                float[] original = floats(f32, f32.tensor(t.name()));
                float[] back = floats(q, t);
                if (t.type() == GgmlType.F32) {
                    assertThat(back).as(t.name()).containsExactly(original);
                    continue;
                }
                // Q8_0: d = amax/127, codes up to ±127, error up to d/2. Q4_0: d = amax/8, codes
                // -8..7, so a value of the opposite sign to the largest one is clamped at 7·d, an
                // error up to a whole step.
                boolean q8 = t.type() == GgmlType.Q8_0;
                double levels = q8 ? 127 : 8;
                double steps = q8 ? 0.5 : 1.0;
                double worst = 0; // the largest error as a fraction of its bound
                int worstAt = -1;
                for (int b = 0; b < original.length; b += 32) {
                    float amax = 0;
                    for (int j = 0; j < 32; j++) {
                        amax = Math.max(amax, Math.abs(original[b + j]));
                    }
                    double d = amax / levels;
                    double bound = d * (steps + levels * 0x1p-11) * (1 + 1e-6);
                    for (int j = 0; j < 32; j++) {
                        double ratio = Math.abs((double) back[b + j] - original[b + j]) / bound;
                        if (ratio > worst) {
                            worst = ratio;
                            worstAt = b + j;
                        }
                    }
                }
                assertThat(worst).as("%s: worst error/bound at element %d", t.name(), worstAt).isLessThanOrEqualTo(1.0);
            }
        }
    }

    /** A codec's block quantizer: codes in element order, fp16 scale bits returned. */
    private interface BlockQuantizer {
        short quantize(float[] x, int off, byte[] codes);
    }

    @Test
    void q4_0FakeQuantizationMatchesTorchReference() throws Exception {
        assertMatchesTorchReference("fakequant_q4_0.weight.safetensors", "U8", Q4_0Codec::quantizeBlock,
                Q4_0Codec.INSTANCE);
    }

    @Test
    void q8_0FakeQuantizationMatchesTorchReference() throws Exception {
        assertMatchesTorchReference("fakequant_q8_0.weight.safetensors", "I8", Q8_0Codec::quantizeBlock,
                Q8_0Codec.INSTANCE);
    }

    /**
     * README "Fake quantization": blk.0.ffn_up.weight [128, 64] with its dequantized values, one fp16
     * scale per 32-element block and the codes in element order.
     */
    private static void assertMatchesTorchReference(String file, String codeType, BlockQuantizer quantizer,
            TensorCodec codec) throws Exception {
        var ref = SafetensorsTestFile.read(TestData.file("torch-reference/" + file));
        String name = "blk.0.ffn_up.weight";
        float[] w = tinyRefWeight(name);
        assertThat(ref.shape(name)).containsExactly(128, 64);
        assertThat(ref.shape(name + ".scales")).containsExactly(128, 2);
        short[] scales = new short[w.length / 32];
        byte[] codes = new byte[w.length];
        byte[] blockCodes = new byte[32];
        for (int b = 0; b < scales.length; b++) {
            scales[b] = quantizer.quantize(w, 32 * b, blockCodes);
            System.arraycopy(blockCodes, 0, codes, 32 * b, 32);
        }
        assertThat(scales).containsExactly(ref.f16Bits(name + ".scales"));
        assertThat(codes).containsExactly(ref.bytes(name + ".codes", codeType));
        assertFakeQuantized(codec, w, ref.f32(name));
    }

    /** roundTrip (what QAT uses) and dequantize(quantize) both give the reference values, bit for bit. */
    private static void assertFakeQuantized(TensorCodec codec, float[] w, float[] expected) {
        float[] fake = new float[w.length];
        codec.roundTrip(w, 0, w.length, fake, 0);
        float[] viaBytes = new float[w.length];
        codec.dequantize(codec.quantize(w), 0, viaBytes, 0, w.length);
        assertThat(firstBitMismatch(fake, expected)).as("roundTrip: first element differing from the reference")
                .isEqualTo(-1);
        assertThat(firstBitMismatch(viaBytes, expected)).as("dequantize(quantize): first differing element")
                .isEqualTo(-1);
    }

    private static int firstBitMismatch(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The float weight from tiny-ref-f32.gguf, cross-checked with weights_init.f32.safetensors. */
    private static float[] tinyRefWeight(String name) throws Exception {
        float[] fromGguf;
        try (GgufFile f = GgufReader.open(TestData.file("torch-reference/tiny-ref-f32.gguf"))) {
            fromGguf = floats(f, f.tensor(name));
            assertThat(f.tensor(name).ne()).containsExactly(64, 128);
        }
        var init = SafetensorsTestFile.read(TestData.file("torch-reference/weights_init.f32.safetensors"));
        assertThat(init.f32(name)).as("README: the GGUF and weights_init hold the same values").containsExactly(fromGguf);
        return fromGguf;
    }

    static float[] floats(GgufFile f, TensorInfo t) {
        int n = Math.toIntExact(t.elementCount());
        float[] out = new float[n];
        TensorCodec.forTensor(f.name(), t).dequantize(f.data(t), 0, out, 0, n);
        return out;
    }
}
