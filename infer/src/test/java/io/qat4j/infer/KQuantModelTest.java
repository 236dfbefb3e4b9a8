package io.qat4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.infer.bench.SyntheticGemma3;
import io.qat4j.kernels.VectorOps;
import io.qat4j.testkit.Q4KBlockEncoder;
import io.qat4j.testkit.Q6KBlockEncoder;

/**
 * A whole model with K-quant tensors, laid out as llama-quantize's Q4_K_M files and its default Q4_0 of
 * Gemma 3 4B lay them out (the token embedding, which is also the output layer, in Q6_K; projections in
 * Q4_K): its logits must equal those of a float32 file holding the values those blocks decode to. The
 * blocks are built by the test kit's independent layout encoders, and the decoded values are computed
 * here from the chosen fields, not by qat4j's codecs.
 */
class KQuantModelTest {
    @TempDir
    Path tmp;

    /** Which tensors become which K-quant; the rest (norms) stay F32. */
    private static final Map<String, GgmlType> K_TYPES = Map.of("token_embd.weight", GgmlType.Q6_K,
            "attn_q.weight", GgmlType.Q4_K, "attn_k.weight", GgmlType.Q4_K, "attn_v.weight", GgmlType.Q4_K,
            "attn_output.weight", GgmlType.Q4_K, "ffn_gate.weight", GgmlType.Q4_K, "ffn_up.weight", GgmlType.Q4_K,
            "ffn_down.weight", GgmlType.Q6_K);

    @Test
    void aModelWithQ6_KEmbeddingAndQ4_KProjectionsRunsLikeItsDecodedFloatTwin() throws Exception {
        Path source = tmp.resolve("f32.gguf");
        SyntheticGemma3.write(SyntheticGemma3.shape("tiny-shape"), GgmlType.F32, 11, source);
        Path kQuant = tmp.resolve("k-quant.gguf");
        Path decoded = tmp.resolve("decoded-f32.gguf");
        try (GgufFile f = GgufReader.open(source)) {
            var quantized = new GgufWriter().putAll(f.metadata());
            var twin = new GgufWriter().putAll(f.metadata());
            for (TensorInfo t : f.tensors().values()) {
                float[] values = f32(f, t);
                GgmlType type = kTypeOf(t.name());
                if (type == null) {
                    quantized.addTensor(t.name(), GgmlType.F32, t.ne(), MemorySegment.ofArray(values));
                    twin.addTensor(t.name(), GgmlType.F32, t.ne(), MemorySegment.ofArray(values));
                    continue;
                }
                float[] decodedValues = new float[values.length];
                byte[] blocks = type == GgmlType.Q6_K ? q6_K(values, decodedValues) : q4_K(values, decodedValues);
                // A real quantization of the tensor, not zeros: the decoded values stay near the originals.
                assertThat(relativeRmsError(values, decodedValues)).as(t.name()).isBetween(1e-4, 0.1);
                quantized.addTensor(t.name(), type, t.ne(), MemorySegment.ofArray(blocks));
                twin.addTensor(t.name(), GgmlType.F32, t.ne(), MemorySegment.ofArray(decodedValues));
            }
            quantized.write(kQuant);
            twin.write(decoded);
        }
        try (GgufFile k = GgufReader.open(kQuant)) {
            assertThat(k.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q6_K);
            assertThat(k.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.Q4_K);
        }

        int[] tokens = {2, 300, 301, 777, 1234, 4000, 17, 262, 263, 999, 5, 6};
        for (boolean sequential : new boolean[] {false, true}) {
            float[] expected = ReferenceLogitsTest.run(decoded, tokens, sequential, VectorOps.best(), 2);
            float[] actual = ReferenceLogitsTest.run(kQuant, tokens, sequential, VectorOps.best(), 2);
            float diff = ReferenceLogitsTest.maxAbsDiff(actual, expected);
            System.out.printf("K-quant model vs its decoded float twin (%s): max |Δlogit| = %.3g%n",
                    sequential ? "token by token" : "batched", diff);
            assertThat(diff).isLessThanOrEqualTo(ReferenceLogitsTest.EXACT_TOLERANCE);
        }
    }

    private static GgmlType kTypeOf(String tensor) {
        String suffix = tensor.startsWith("blk.") ? tensor.substring(tensor.indexOf('.', 4) + 1) : tensor;
        return K_TYPES.get(suffix);
    }

    private static float[] f32(GgufFile f, TensorInfo t) {
        assertThat(t.type()).isEqualTo(GgmlType.F32);
        return f.data(t).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED);
    }

    /**
     * Round-to-nearest into Q6_K super-blocks of 256: a 6-bit code per value around 32, an int8 scale per 16
     * values, one fp16 super-scale. {@code decoded} receives d·scale·(q − 32), evaluated in float in that order.
     */
    private static byte[] q6_K(float[] x, float[] decoded) {
        byte[] out = new byte[x.length / 256 * Q6KBlockEncoder.BLOCK_BYTES];
        for (int s = 0; s < x.length / 256; s++) {
            int at = 256 * s;
            float[] subScale = new float[16];
            float maxSubScale = 0;
            for (int j = 0; j < 16; j++) {
                subScale[j] = absMax(x, at + 16 * j, 16) / 31f;
                maxSubScale = Math.max(maxSubScale, subScale[j]);
            }
            short d = Float.floatToFloat16(maxSubScale / 127f);
            float df = Float.float16ToFloat(d);
            byte[] scales = new byte[16];
            int[] codes = new int[256];
            for (int i = 0; i < 256; i++) {
                int j = i / 16;
                scales[j] = (byte) (df == 0 ? 0 : clamp(Math.round(subScale[j] / df), -128, 127));
                float step = df * scales[j];
                codes[i] = step == 0 ? 32 : clamp(Math.round(x[at + i] / step) + 32, 0, 63);
                decoded[at + i] = df * scales[j] * (codes[i] - 32);
            }
            System.arraycopy(Q6KBlockEncoder.encode(d, scales, codes), 0, out, s * Q6KBlockEncoder.BLOCK_BYTES,
                    Q6KBlockEncoder.BLOCK_BYTES);
        }
        return out;
    }

    /**
     * Round-to-nearest into Q4_K super-blocks of 256: a 4-bit code per value, a 6-bit scale and min per 32
     * values, fp16 super-scales for both. {@code decoded} receives d·scale·q − dmin·min, in float.
     */
    private static byte[] q4_K(float[] x, float[] decoded) {
        byte[] out = new byte[x.length / 256 * Q4KBlockEncoder.BLOCK_BYTES];
        for (int s = 0; s < x.length / 256; s++) {
            int at = 256 * s;
            float[] subScale = new float[8];
            float[] subMin = new float[8];
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 8; j++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int i = at + 32 * j; i < at + 32 * j + 32; i++) {
                    lo = Math.min(lo, x[i]);
                    hi = Math.max(hi, x[i]);
                }
                subMin[j] = Math.max(0f, -lo); // a value is scale·q − min with q ≥ 0
                subScale[j] = (hi + subMin[j]) / 15f;
                maxScale = Math.max(maxScale, subScale[j]);
                maxMin = Math.max(maxMin, subMin[j]);
            }
            short d = Float.floatToFloat16(maxScale / 63f);
            short dmin = Float.floatToFloat16(maxMin / 63f);
            float df = Float.float16ToFloat(d);
            float dminf = Float.float16ToFloat(dmin);
            int[] scales = new int[8];
            int[] mins = new int[8];
            for (int j = 0; j < 8; j++) {
                scales[j] = df == 0 ? 0 : clamp(Math.round(subScale[j] / df), 0, 63);
                mins[j] = dminf == 0 ? 0 : clamp(Math.round(subMin[j] / dminf), 0, 63);
            }
            int[] codes = new int[256];
            for (int i = 0; i < 256; i++) {
                int j = i / 32;
                float step = df * scales[j];
                codes[i] = step == 0 ? 0 : clamp(Math.round((x[at + i] + dminf * mins[j]) / step), 0, 15);
                decoded[at + i] = df * scales[j] * codes[i] - dminf * mins[j];
            }
            System.arraycopy(Q4KBlockEncoder.encode(d, dmin, scales, mins, codes), 0, out, s * Q4KBlockEncoder.BLOCK_BYTES,
                    Q4KBlockEncoder.BLOCK_BYTES);
        }
        return out;
    }

    private static double relativeRmsError(float[] x, float[] approx) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - approx[i]) * (double) (x[i] - approx[i]);
            norm += x[i] * (double) x[i];
        }
        return Math.sqrt(err / norm);
    }

    private static float absMax(float[] x, int from, int n) {
        float m = 0;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
