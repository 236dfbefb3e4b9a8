package io.qat4j.train.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.testkit.TestData;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;
import io.qat4j.train.ops.FastOps;

class GgufExportTest {
    @TempDir
    Path tmp;

    @Test
    void exportedGgufReadsBackWithGemma3MetadataVocabularyAndIdenticalWeights() throws IOException {
        Gemma3Config c = ModelPresets.tiny(ByteTokenizer.VOCAB_SIZE);
        var layout = new ParameterLayout(c);
        float[] params = new float[layout.size()];
        ModelInit.initialize(layout, params, 11);
        params[layout.tensor("blk.0.attn_norm.weight").offset()] = 1.25f;
        Path out = tmp.resolve("m.gguf");
        GgufExport.write(out, "qat4j-tiny", c, params, ByteTokenizer.INSTANCE);

        try (GgufFile f = GgufReader.open(out)) {
            var md = f.metadata();
            assertThat(md.getString("general.architecture")).isEqualTo("gemma3");
            assertThat(md.getInt("gemma3.context_length")).isEqualTo(256);
            assertThat(md.getInt("gemma3.embedding_length")).isEqualTo(128);
            assertThat(md.getInt("gemma3.block_count")).isEqualTo(6);
            assertThat(md.getInt("gemma3.feed_forward_length")).isEqualTo(512);
            assertThat(md.getInt("gemma3.attention.head_count")).isEqualTo(4);
            assertThat(md.getInt("gemma3.attention.head_count_kv")).isEqualTo(2);
            assertThat(md.getInt("gemma3.attention.key_length")).isEqualTo(32);
            assertThat(md.getInt("gemma3.attention.value_length")).isEqualTo(32);
            assertThat(md.getDouble("gemma3.attention.layer_norm_rms_epsilon")).isEqualTo(1e-6f);
            assertThat(md.getDouble("gemma3.rope.freq_base")).isEqualTo(1e6);
            assertThat(md.getDouble("gemma3.rope.freq_base_swa")).isEqualTo(1e4);
            assertThat(md.getInt("gemma3.attention.sliding_window")).isEqualTo(64);
            assertThat(md.getString("tokenizer.ggml.model")).isEqualTo("llama");
            String[] tokens = md.getStringArray("tokenizer.ggml.tokens");
            assertThat(tokens).hasSize(260);
            assertThat(tokens[0]).isEqualTo("<0x00>");
            assertThat(tokens[255]).isEqualTo("<0xFF>");
            assertThat(tokens[256]).isEqualTo("<pad>");
            assertThat(tokens[257]).isEqualTo("<bos>");
            assertThat(tokens[258]).isEqualTo("<eos>");
            assertThat(tokens[259]).isEqualTo("<unk>");
            int[] types = md.getIntArray("tokenizer.ggml.token_type");
            assertThat(types[10]).isEqualTo(6);
            assertThat(new int[] {types[256], types[257], types[258], types[259]}).containsExactly(3, 3, 3, 2);
            assertThat(md.getFloatArray("tokenizer.ggml.scores")).hasSize(260).containsOnly(0f);
            assertThat(md.getInt("tokenizer.ggml.bos_token_id")).isEqualTo(257);
            assertThat(md.getInt("tokenizer.ggml.eos_token_id")).isEqualTo(258);
            assertThat(md.getInt("tokenizer.ggml.unknown_token_id")).isEqualTo(259);
            assertThat(md.getInt("tokenizer.ggml.padding_token_id")).isEqualTo(256);
            assertThat(md.getBoolean("tokenizer.ggml.add_bos_token", false)).isTrue();
            assertThat(md.getBoolean("tokenizer.ggml.add_space_prefix", true)).isFalse();
            assertThat(f.hasTensor("output.weight")).isFalse();
            assertThat(f.tensor("token_embd.weight").ne()).containsExactly(128, 260);
            assertThat(f.tensor("blk.0.attn_q.weight").ne()).containsExactly(128, 128);
            assertThat(f.tensor("blk.0.attn_k.weight").ne()).containsExactly(128, 64);
            assertThat(f.tensor("blk.0.ffn_down.weight").ne()).containsExactly(512, 128);
            assertThat(f.tensor("blk.0.attn_q_norm.weight").ne()).containsExactly(32);
            assertThat(f.tensors().values()).allMatch(t -> t.type() == GgmlType.F32);
            assertThat(f.tensors()).hasSize(layout.tensors().size());

            Gemma3Config back = Gemma3Config.fromGguf(f);
            assertThat(back.vocabSize()).isEqualTo(260);
            assertThat(back.localLayers()).containsExactly(c.localLayers());
            assertThat(back.ropeBaseLocal()).isEqualTo(c.ropeBaseLocal());
            assertThat(back.attentionScale()).isEqualTo(c.attentionScale());
            float[] again = new float[layout.size()];
            GgufImport.loadWeights(f, new ParameterLayout(back), again);
            io.qat4j.train.ArrayAssert.assertSameBits("re-imported weights", params, again);
        }
    }

    @Test
    void importingAQuantizedGgufReproducesItsExactLogits() throws IOException {
        // gemma3-tiny Q4_0 (token_embd Q8_0): weights dequantized by the shared codecs, run in float32.
        Path gguf = TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf");
        float[] exact = TestData.readF32(TestData.file("gemma3-tiny/gemma3-tiny-q4_0.exact.logits.f32"));
        int[] tokens = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(TestData.file("gemma3-tiny/fixtures.json").toFile(), com.fasterxml.jackson.databind.JsonNode.class)
                .get("token_ids").traverse(new com.fasterxml.jackson.databind.ObjectMapper()).readValueAs(int[].class);
        try (var ops = new FastOps(2)) {
            GemmaModel model = GgufImport.loadModel(gguf, 1, tokens.length, ops);
            float[] logits = model.logits(tokens);
            assertThat(logits).hasSize(exact.length);
            double worst = 0;
            for (int i = 0; i < exact.length; i++) {
                worst = Math.max(worst, Math.abs(logits[i] - exact[i]));
            }
            assertThat(worst).isLessThan(2e-5);
        }
    }

    @Test
    void rejectsAShapeMismatch() throws IOException {
        Path gguf = TestData.file("torch-reference/tiny-ref-f32.gguf");
        var other = new ParameterLayout(ModelPresets.gemma3(300, 64, 6, 4, 2, 16, 256, 8, 128));
        assertThatThrownBy(() -> GgufImport.loadWeights(gguf, other, new float[other.size()]))
                .hasMessageContaining("blk.0.ffn_gate.weight").hasMessageContaining("tiny-ref-f32.gguf");
    }

    @Test
    void rejectsAnUntiedOutputProjection() throws IOException {
        Gemma3Config c = ModelPresets.gemma3(260, 32, 1, 2, 1, 16, 64, 8, 32);
        var layout = new ParameterLayout(c);
        var w = new io.qat4j.core.gguf.GgufWriter();
        w.putString("general.architecture", "gemma3");
        for (ParamTensor t : layout.tensors()) {
            w.addTensor(t.name(), GgmlType.F32, t.ggufNe(), java.lang.foreign.MemorySegment.ofArray(new byte[t.size() * 4]));
        }
        w.addTensor("output.weight", GgmlType.F32, new long[] {32, 260},
                java.lang.foreign.MemorySegment.ofArray(new byte[32 * 260 * 4]));
        Path p = tmp.resolve("untied.gguf");
        w.write(p);
        assertThatThrownBy(() -> GgufImport.loadWeights(p, layout, new float[layout.size()]))
                .hasMessageContaining("untied.gguf").hasMessageContaining("output.weight");
    }
}
