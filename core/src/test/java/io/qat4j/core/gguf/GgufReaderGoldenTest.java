package io.qat4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.testkit.TestData;

/**
 * Reads the golden GGUF files written by llama.cpp's tools and checks what the testdata READMEs and
 * fixtures.json say they hold.
 */
class GgufReaderGoldenTest {
    private static JsonNode fixtures() throws IOException {
        return new ObjectMapper().readTree(TestData.file("gemma3-tiny/fixtures.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "q8_0", "q4_0"})
    void gemma3TinyHeaderMatchesFixtures(String variant) throws Exception {
        JsonNode fx = fixtures();
        JsonNode v = fx.get("variants").get(variant);
        Path path = TestData.file("gemma3-tiny/" + v.get("gguf").asText());
        assertThat(Files.size(path)).isEqualTo(v.get("gguf_bytes").asLong());
        assertThat(sha256(path)).as("the golden file is the one fixtures.json describes")
                .isEqualTo(v.get("gguf_sha256").asText());

        try (GgufFile f = GgufReader.open(path)) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.alignment()).isEqualTo(32);
            assertThat(f.fileSize()).isEqualTo(Files.size(path));
            assertThat(f.dataStart() % 32).isZero();
            JsonNode cfg = fx.get("config");
            checkGemma3Config(f.metadata(), cfg, "gemma3-tiny-random");
            checkGemma3TinyVocabulary(f.metadata(), fx.get("n_vocab").asInt());
            checkTensorShapes(f, cfg.get("n_embd").asInt(), fx.get("n_vocab").asInt(), cfg);
            for (TensorInfo t : f.tensors().values()) {
                String suffix = t.name().startsWith("blk.") ? t.name().substring(t.name().indexOf('.', 4) + 1)
                        : t.name();
                JsonNode types = v.get("tensor_types").get(suffix);
                assertThat(types).as("fixtures list a type for %s", suffix).isNotNull();
                assertThat(t.type().name()).as(t.name()).isEqualTo(types.get(0).asText());
            }
        }
    }

    @Test
    void quantizedFilesListTensorsInADifferentOrder() throws Exception {
        try (GgufFile f32 = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
                GgufFile q4 = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf"))) {
            assertThat(q4.tensors().keySet()).containsExactlyInAnyOrderElementsOf(f32.tensors().keySet());
            assertThat(List.copyOf(q4.tensors().keySet())).isNotEqualTo(List.copyOf(f32.tensors().keySet()));
            assertThat(q4.metadata().getInt("general.quantization_version")).isEqualTo(2);
            assertThat(q4.metadata().getInt("general.file_type")).isEqualTo(2); // MOSTLY_Q4_0
            assertThat(f32.metadata().getInt("general.file_type")).isZero(); // ALL_F32
        }
    }

    @Test
    void tinyRefHeaderMatchesTheTorchReadme() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(TestData.file("torch-reference/reference.json").toFile());
        JsonNode cfg = ref.get("config");
        Path path = TestData.file("torch-reference/tiny-ref-f32.gguf");
        assertThat(sha256(path)).isEqualTo(ref.get("files").get("tiny-ref-f32.gguf").get("sha256").asText());
        try (GgufFile f = GgufReader.open(path)) {
            GgufMetadata m = f.metadata();
            checkGemma3Config(m, cfg, "gemma3-tiny-ref");
            checkTensorShapes(f, 64, 300, cfg);
            assertThat(f.tensors().values()).allSatisfy(t -> assertThat(t.type()).isEqualTo(GgmlType.F32));
            // README "Vocabulary": 300 SPM tokens, bytes at 4..259, then 40 pieces with known scores.
            String[] tokens = m.getStringArray("tokenizer.ggml.tokens");
            float[] scores = m.getFloatArray("tokenizer.ggml.scores");
            int[] types = m.getIntArray("tokenizer.ggml.token_type");
            assertThat(tokens).hasSize(300);
            assertThat(tokens).startsWith("<pad>", "<eos>", "<bos>", "<unk>", "<0x00>");
            assertThat(tokens[259]).isEqualTo("<0xFF>");
            assertThat(List.of(tokens).subList(260, 263)).containsExactly("▁", "▁a", "▁b");
            assertThat(tokens[286]).isEqualTo("▁z");
            assertThat(List.of(tokens).subList(287, 300)).containsExactly("▁th", "▁the", "▁he", "▁hel", "▁hell",
                    "▁hello", "▁wo", "▁wor", "▁worl", "▁world", "▁is", "▁it", "▁to");
            assertThat(scores[260]).isEqualTo(-1f);
            for (int i = 261; i < 300; i++) {
                assertThat(scores[i]).as(tokens[i]).isEqualTo(-10f + 1.5f * tokens[i].length());
            }
            assertThat(types[0]).isEqualTo(3);
            assertThat(types[2]).isEqualTo(3);
            assertThat(types[3]).isEqualTo(2);
            assertThat(types[4]).isEqualTo(6);
            assertThat(types[259]).isEqualTo(6);
            assertThat(types[299]).isEqualTo(1);
            assertThat(m.getString("tokenizer.ggml.pre")).isEqualTo("default");
        }
    }

    @Test
    void tensorDataIsASliceOfTheMappingNotAHeapCopy() throws Exception {
        Path path = TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf");
        byte[] whole = Files.readAllBytes(path);
        try (GgufFile f = GgufReader.open(path)) {
            Long base = null;
            for (TensorInfo t : f.tensors().values()) {
                MemorySegment data = f.data(t);
                assertThat(data.isNative()).as("off-heap").isTrue();
                assertThat(data.heapBase()).isEmpty();
                assertThat(data.isMapped()).as("a view of the file mapping").isTrue();
                assertThat(data.isReadOnly()).isTrue();
                assertThat(data.byteSize()).isEqualTo(t.byteSize());
                // Every tensor sits at one fixed base + its offset: one mapping, no per-tensor copies.
                long tensorBase = data.address() - t.offset();
                if (base == null) {
                    base = tensorBase;
                }
                assertThat(tensorBase).as(t.name()).isEqualTo(base);
                assertThat(f.data(t).address()).as("asking twice gives the same memory").isEqualTo(data.address());
                long at = f.dataStart() + t.offset();
                assertThat(data.mismatch(MemorySegment.ofArray(whole).asSlice(at, t.byteSize()))).as(t.name())
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void closingMakesLaterAccessThrowIllegalStateException() throws Exception {
        GgufFile f = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"));
        MemorySegment held = f.data("token_embd.weight");
        float before = held.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0);
        f.close();
        assertThatThrownBy(() -> held.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.data("token_embd.weight"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gemma3-tiny-f32.gguf").hasMessageContaining("closed");
        f.close(); // idempotent
        // The header lives on the heap and stays readable.
        assertThat(f.metadata().getString("general.architecture")).isEqualTo("gemma3");
        assertThat(Float.isFinite(before)).isTrue();
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        try (GgufFile f = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf"))) {
            assertThat(f.hasTensor("output.weight")).as("output is tied to token_embd").isFalse();
            assertThatThrownBy(() -> f.tensor("output.weight")).hasMessageContaining("output.weight")
                    .hasMessageContaining("gemma3-tiny-f32.gguf");
        }
    }

    /** README "What a gemma3 GGUF holds" and fixtures.json "config". */
    private static void checkGemma3Config(GgufMetadata m, JsonNode cfg, String name) {
        assertThat(m.getString("general.architecture")).isEqualTo("gemma3");
        assertThat(m.getString("general.name")).isEqualTo(name);
        assertThat(m.getInt("gemma3.context_length")).isEqualTo(cfg.get("context_length").asInt());
        assertThat(m.getInt("gemma3.embedding_length")).isEqualTo(cfg.get("n_embd").asInt());
        assertThat(m.getInt("gemma3.block_count")).isEqualTo(cfg.get("n_layer").asInt());
        assertThat(m.getInt("gemma3.feed_forward_length")).isEqualTo(cfg.get("n_ff").asInt());
        assertThat(m.getInt("gemma3.attention.head_count")).isEqualTo(cfg.get("n_head").asInt());
        assertThat(m.getInt("gemma3.attention.head_count_kv")).isEqualTo(cfg.get("n_head_kv").asInt());
        assertThat(m.getInt("gemma3.attention.key_length")).isEqualTo(cfg.get("head_dim").asInt());
        assertThat(m.getInt("gemma3.attention.value_length")).isEqualTo(cfg.get("head_dim").asInt());
        assertThat(m.getInt("gemma3.attention.sliding_window")).isEqualTo(cfg.get("sliding_window").asInt());
        GgufValue eps = m.get("gemma3.attention.layer_norm_rms_epsilon").orElseThrow();
        assertThat(eps.type()).isEqualTo(GgufValueType.FLOAT32);
        assertThat(eps.value()).isEqualTo((float) cfg.get("rms_norm_eps").asDouble());
        assertThat(m.getDouble("gemma3.rope.freq_base")).isEqualTo(cfg.get("rope_freq_base").asDouble());
        assertThat(m.getDouble("gemma3.rope.freq_base_swa")).isEqualTo(cfg.get("rope_freq_base_swa").asDouble());
        assertThat(m.contains("gemma3.attention.sliding_window_pattern")).isFalse();
        assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("llama");
        assertThat(m.getInt("tokenizer.ggml.bos_token_id")).isEqualTo(2);
        assertThat(m.getInt("tokenizer.ggml.eos_token_id")).isEqualTo(1);
        assertThat(m.getInt("tokenizer.ggml.unknown_token_id")).isEqualTo(3);
        assertThat(m.getInt("tokenizer.ggml.padding_token_id")).isEqualTo(0);
        assertThat(m.getBoolean("tokenizer.ggml.add_bos_token", false)).isTrue();
        assertThat(m.getBoolean("tokenizer.ggml.add_eos_token", true)).isFalse();
        assertThat(m.getBoolean("tokenizer.ggml.add_space_prefix", true)).isFalse();
        assertThat(m.get("gemma3.block_count").orElseThrow().type()).isEqualTo(GgufValueType.UINT32);
    }

    /** README "Vocabulary" of gemma3-tiny: 329 tokens, bytes at 4..259, turn markers at 327/328. */
    private static void checkGemma3TinyVocabulary(GgufMetadata m, int nVocab) {
        String[] tokens = m.getStringArray("tokenizer.ggml.tokens");
        int[] types = m.getIntArray("tokenizer.ggml.token_type");
        assertThat(tokens).hasSize(nVocab);
        assertThat(m.getFloatArray("tokenizer.ggml.scores")).hasSize(nVocab);
        assertThat(types).hasSize(nVocab);
        assertThat(tokens).startsWith("<pad>", "<eos>", "<bos>", "<unk>");
        for (int b = 0; b < 256; b++) {
            assertThat(tokens[4 + b]).isEqualTo(String.format("<0x%02X>", b));
            assertThat(types[4 + b]).as("BYTE type").isEqualTo(6);
        }
        assertThat(tokens[327]).isEqualTo("<start_of_turn>");
        assertThat(tokens[328]).isEqualTo("<end_of_turn>");
        assertThat(m.get("tokenizer.ggml.token_type").orElseThrow().value())
                .isInstanceOfSatisfying(GgufArray.class, a -> assertThat(a.elementType()).isEqualTo(GgufValueType.INT32));
    }

    /** README "Tensors" (ne0 first): 1 + 13 per block + 1 tensors, no output.weight. */
    private static void checkTensorShapes(GgufFile f, int nEmbd, int nVocab, JsonNode cfg) {
        int hd = cfg.get("head_dim").asInt();
        int nHead = cfg.get("n_head").asInt();
        int nKv = cfg.get("n_head_kv").asInt();
        int nFf = cfg.get("n_ff").asInt();
        int nLayer = cfg.get("n_layer").asInt();
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("token_embd.weight", new long[] {nEmbd, nVocab});
        expected.put("output_norm.weight", new long[] {nEmbd});
        for (int l = 0; l < nLayer; l++) {
            String p = "blk." + l + ".";
            expected.put(p + "attn_norm.weight", new long[] {nEmbd});
            expected.put(p + "attn_q.weight", new long[] {nEmbd, (long) nHead * hd});
            expected.put(p + "attn_k.weight", new long[] {nEmbd, (long) nKv * hd});
            expected.put(p + "attn_v.weight", new long[] {nEmbd, (long) nKv * hd});
            expected.put(p + "attn_q_norm.weight", new long[] {hd});
            expected.put(p + "attn_k_norm.weight", new long[] {hd});
            expected.put(p + "attn_output.weight", new long[] {(long) nHead * hd, nEmbd});
            expected.put(p + "post_attention_norm.weight", new long[] {nEmbd});
            expected.put(p + "ffn_norm.weight", new long[] {nEmbd});
            expected.put(p + "ffn_gate.weight", new long[] {nEmbd, nFf});
            expected.put(p + "ffn_up.weight", new long[] {nEmbd, nFf});
            expected.put(p + "ffn_down.weight", new long[] {nFf, nEmbd});
            expected.put(p + "post_ffw_norm.weight", new long[] {nEmbd});
        }
        assertThat(expected).hasSize(2 + 13 * nLayer);
        assertThat(f.tensors().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, ne) -> assertThat(f.tensor(name).ne()).as(name).containsExactly(ne));
        assertThat(f.hasTensor("output.weight")).isFalse();
    }

    static String sha256(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
