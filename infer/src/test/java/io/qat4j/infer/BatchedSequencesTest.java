package io.qat4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.qat4j.testkit.TestData;

/** Several sequences in one pass (the server's batched decode) give each sequence its own logits. */
class BatchedSequencesTest {

    @Test
    void decodeStepsOfThreeSequencesInOnePassEqualSeparateRuns() throws Exception {
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf");
        int[][] prompts = {{2, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {2, 300, 301}, {2, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}};
        int steps = 12; // past the window of 8, so rings wrap
        try (Gemma3Model m = Gemma3Model.load(model, 2)) {
            int vocab = m.config().vocabSize();
            // Reference: each sequence alone, prompt then greedy-free fixed continuation tokens.
            float[][][] expected = new float[3][steps][];
            for (int s = 0; s < 3; s++) {
                InferenceState st = m.newState(64, 4);
                float[] logits = new float[vocab];
                m.forward(st, prompts[s], 0, prompts[s].length, logits, false);
                for (int i = 0; i < steps; i++) {
                    m.forward(st, new int[] {continuation(s, i)}, 0, 1, logits, false);
                    expected[s][i] = logits.clone();
                }
            }
            // Batched: prompts one after another, then every decode step of the three in one pass.
            InferenceState[] states = new InferenceState[3];
            float[] scratch = new float[vocab];
            for (int s = 0; s < 3; s++) {
                states[s] = m.newState(64, 4);
                m.forward(states[s], prompts[s], 0, prompts[s].length, scratch, false);
            }
            ForwardBuffers buffers = new ForwardBuffers(m.config(), 8);
            float[] logits = new float[3 * vocab];
            boolean[] want = {true, true, true};
            for (int i = 0; i < steps; i++) {
                int[] tokens = {continuation(0, i), continuation(1, i), continuation(2, i)};
                m.forwardMany(buffers, states, tokens, 3, want, logits);
                for (int s = 0; s < 3; s++) {
                    assertThat(Arrays.copyOfRange(logits, s * vocab, (s + 1) * vocab))
                            .as("sequence %d step %d", s, i).containsExactly(expected[s][i]);
                }
            }
            for (int s = 0; s < 3; s++) {
                assertThat(states[s].position()).isEqualTo(prompts[s].length + steps);
            }
        }
    }

    @Test
    void aSequenceCannotTakeMoreTokensThanItsRingsAllow() throws Exception {
        try (Gemma3Model m = Gemma3Model.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"), 1)) {
            InferenceState s = m.newState(64, 2);
            ForwardBuffers b = new ForwardBuffers(m.config(), 4);
            assertThatThrownBy(() -> m.forwardMany(b, new InferenceState[] {s, s, s}, new int[] {2, 3, 4}, 3,
                    new boolean[3], new float[0])).hasMessageContaining("maxBatch");
        }
    }

    @Test
    void contextOverflowIsAClearError() throws Exception {
        try (Gemma3Model m = Gemma3Model.load(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"), 1)) {
            InferenceState s = m.newState(4, 4);
            assertThatThrownBy(() -> m.forward(s, new int[] {2, 3, 4, 5, 6}, 0, 5, new float[329], false))
                    .hasMessageContaining("context overflow");
        }
    }

    private static int continuation(int seq, int step) {
        return 4 + (seq * 31 + step * 17) % 300;
    }
}
