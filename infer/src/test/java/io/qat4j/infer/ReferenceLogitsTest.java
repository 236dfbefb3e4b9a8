package io.qat4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.kernels.VectorOps;
import io.qat4j.testkit.TestData;

/**
 * The forward pass against references no one here wrote: a float64 numpy pass of the same GGUF
 * ({@code *.exact.logits.f32}) tightly, and llama.cpp's own logits loosely (it rounds activations to
 * Q8_0 and tabulates GELU in fp16; see testdata/gemma3-tiny/README.md).
 */
class ReferenceLogitsTest {
    static final float EXACT_TOLERANCE = 1e-4f;
    static final float LLAMA_CPP_TOLERANCE = 0.1f;

    static int[] fixtureTokens() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(TestData.file("gemma3-tiny/fixtures.json")));
        JsonNode ids = root.get("token_ids");
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).asInt();
        }
        return out;
    }

    static float[] run(Path model, int[] tokens, boolean sequential, VectorOps ops, int threads) throws Exception {
        try (Gemma3Model m = Gemma3Model.load(model, threads, ops)) {
            int vocab = m.config().vocabSize();
            float[] logits = new float[tokens.length * vocab];
            InferenceState s = m.newState(m.config().contextLength(), sequential ? 1 : tokens.length);
            if (sequential) {
                float[] row = new float[vocab];
                for (int i = 0; i < tokens.length; i++) {
                    m.forward(s, tokens, i, 1, row, false);
                    System.arraycopy(row, 0, logits, i * vocab, vocab);
                }
            } else {
                m.forward(s, tokens, 0, tokens.length, logits, true);
            }
            return logits;
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "q8_0", "q4_0"})
    void batchedPrefillMatchesTheExactForwardPass(String variant) throws Exception {
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf");
        float[] exact = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".exact.logits.f32"));
        float[] llama = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".logits.f32"));
        int[] tokens = fixtureTokens();
        for (VectorOps ops : new VectorOps[] {VectorOps.scalar(), VectorOps.best()}) {
            float[] logits = run(model, tokens, false, ops, 2);
            assertThat(maxAbsDiff(logits, exact)).as("%s %s vs exact", variant, ops).isLessThanOrEqualTo(EXACT_TOLERANCE);
            assertThat(maxAbsDiff(logits, llama)).as("%s %s vs llama.cpp", variant, ops).isLessThanOrEqualTo(LLAMA_CPP_TOLERANCE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "q8_0", "q4_0"})
    void tokenByTokenDecodeEqualsBatchedPrefill(String variant) throws Exception {
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf");
        float[] exact = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".exact.logits.f32"));
        int[] tokens = fixtureTokens();
        float[] batched = run(model, tokens, false, VectorOps.best(), 2);
        float[] sequential = run(model, tokens, true, VectorOps.best(), 2);
        assertThat(maxAbsDiff(sequential, exact)).isLessThanOrEqualTo(EXACT_TOLERANCE);
        // Same arithmetic in the same order per token: identical, not merely close.
        assertThat(sequential).containsExactly(batched);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 8, 9, 16})
    void chunkedPrefillAcrossTheSlidingWindowEqualsOneBatch(int chunk) throws Exception {
        // The window is 8: chunks smaller and larger than it exercise the ring buffer's wrap-around.
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
        int[] tokens = fixtureTokens();
        float[] oneBatch = run(model, tokens, false, VectorOps.best(), 1);
        try (Gemma3Model m = Gemma3Model.load(model, 2)) {
            int vocab = m.config().vocabSize();
            InferenceState s = m.newState(128, chunk);
            float[] logits = new float[tokens.length * vocab];
            m.forward(s, tokens, 0, tokens.length, logits, true);
            assertThat(logits).containsExactly(oneBatch);
        }
    }
}
