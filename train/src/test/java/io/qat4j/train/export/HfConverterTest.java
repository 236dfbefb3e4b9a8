package io.qat4j.train.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.testkit.TestData;
import io.qat4j.train.checkpoint.ModelConfigJson;
import io.qat4j.train.quant.PostTrainingQuantizer;
import io.qat4j.train.quant.PtqMethod;

/**
 * {@code qat4j convert} of testdata/torch-reference/hf-tiny (BF16, HF names, norms without the +1)
 * gives, through the inference engine, PyTorch's logits of the BF16-rounded model within 2e-5, with the
 * same hyper-parameters as the reference GGUF.
 */
class HfConverterTest {
    @TempDir
    Path tmp;

    static Path hfTiny() {
        return TestData.file("torch-reference/hf-tiny");
    }

    @ParameterizedTest(name = "--type {0}")
    @CsvSource({"f32, F32", "bf16, BF16"})
    void hfTinyGivesPyTorchsLogits(String typeName, GgmlType type) throws IOException {
        Path out = tmp.resolve("tiny-" + typeName + ".gguf");
        Path vocab = TestData.file("torch-reference/tiny-ref-f32.gguf");
        var report = HfConverter.convert(hfTiny(), out, new HfConverter.Options(type, null, vocab, null));
        assertThat(report.types().get("blk.0.attn_q.weight")).isEqualTo(type);
        assertThat(report.types().get("token_embd.weight")).isEqualTo(type);
        assertThat(report.types().get("blk.0.attn_norm.weight")).isEqualTo(GgmlType.F32);
        assertThat(report.vocabulary()).isNull();

        try (GgufFile ours = GgufReader.open(out); GgufFile reference = GgufReader.open(vocab)) {
            Gemma3Config a = Gemma3Config.fromGguf(ours);
            Gemma3Config b = Gemma3Config.fromGguf(reference);
            assertThat(ModelConfigJson.toJson(a)).isEqualTo(ModelConfigJson.toJson(b));
            assertThat(ours.metadata().getInt("general.file_type")).isEqualTo(Gemma3Metadata.fileType(type));
            assertThat(ours.metadata().getStringArray("tokenizer.ggml.tokens"))
                    .isEqualTo(reference.metadata().getStringArray("tokenizer.ggml.tokens"));
        }
        try (var ref = SafetensorsFile.open(hfTiny().resolve("reference_logits_seq0.safetensors"));
                var model = Gemma3Model.load(out, 1)) {
            int[] tokens = ref.ints("token_ids");
            float[] expected = ref.floats("logits");
            float[] logits = new float[expected.length];
            model.forward(model.newState(tokens.length, tokens.length), tokens, 0, tokens.length, logits, true);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(logits[i] - expected[i]));
            }
            assertThat(worst).as("max |logit − PyTorch|").isLessThanOrEqualTo(2e-5);
        }
    }

    /** Converting straight to Q8_0/Q4_0 writes the bytes round-to-nearest PTQ writes from the F32 conversion. */
    @ParameterizedTest(name = "--type {0}")
    @CsvSource({"Q8_0", "Q4_0"})
    void quantizedConversionIsRoundToNearestOfTheFloatOne(GgmlType type) throws IOException {
        Path vocab = TestData.file("torch-reference/tiny-ref-f32.gguf");
        Path f32 = tmp.resolve("f32.gguf");
        HfConverter.convert(hfTiny(), f32, new HfConverter.Options(GgmlType.F32, null, vocab, null));
        Path direct = tmp.resolve("direct.gguf");
        var report = HfConverter.convert(hfTiny(), direct, new HfConverter.Options(type, null, vocab, null));
        Path ptq = tmp.resolve("ptq.gguf");
        PostTrainingQuantizer.quantize(f32, ptq, new PostTrainingQuantizer.Options(type, PtqMethod.RTN, null, null, 1, 1));
        try (GgufFile a = GgufReader.open(direct); GgufFile b = GgufReader.open(ptq)) {
            for (var t : b.tensors().values()) {
                assertThat(a.tensor(t.name()).type()).as(t.name()).isEqualTo(t.type());
                assertThat(a.data(t.name()).mismatch(b.data(t))).as(t.name()).isEqualTo(-1L);
            }
            assertThat(a.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q8_0);
        }
        if (type == GgmlType.Q4_0) {
            // random BF16 weights sit on no Q4_0 grid: every block is re-derived by round-to-nearest
            assertThat(report.grid().rederived()).isEqualTo(report.grid().blocks()).isPositive();
        }
    }

    @Test
    void aFolderWithoutTokenizerNeedsVocabFrom() {
        assertThatThrownBy(() -> HfConverter.convert(hfTiny(), tmp.resolve("x.gguf"),
                new HfConverter.Options(GgmlType.F32, null, null, null)))
                .hasMessageContaining("tokenizer.json").hasMessageContaining("--vocab-from");
    }

    @Test
    void aMissingConfigOrWeightNamesTheFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> HfConverter.convert(empty, tmp.resolve("x.gguf"),
                new HfConverter.Options(GgmlType.F32, null, null, null))).hasMessageContaining("config.json");
        Files.copy(hfTiny().resolve("config.json"), empty.resolve("config.json"));
        assertThatThrownBy(() -> HfConverter.convert(empty, tmp.resolve("x.gguf"),
                new HfConverter.Options(GgmlType.F32, null, null, null))).hasMessageContaining("safetensors");
    }


}
