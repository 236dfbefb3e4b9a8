package io.qat4j.train.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.testkit.TestData;

/**
 * {@code qat4j quantize --method rtn} on testdata/gemma3-tiny's F32 model writes, tensor by tensor, the
 * types and the bytes llama-quantize wrote (norms F32; attention and FFN matrices Q4_0 or Q8_0; the tied
 * embedding Q8_0 in both), keeps every metadata entry and sets general.file_type and
 * general.quantization_version as llama-quantize does.
 */
class RoundToNearestGoldenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"q4_0, Q4_0, 2", "q8_0, Q8_0, 7"})
    void matchesLlamaQuantizeByteForByte(String variant, GgmlType type, int fileType) throws IOException {
        Path in = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
        Path out = tmp.resolve(variant + ".gguf");
        var report = PostTrainingQuantizer.quantize(in, out, options(type, PtqMethod.RTN, null));
        assertThat(report.search()).isNull();
        try (GgufFile golden = GgufReader.open(TestData.file("gemma3-tiny/gemma3-tiny-" + variant + ".gguf"));
                GgufFile ours = GgufReader.open(out);
                GgufFile source = GgufReader.open(in)) {
            assertThat(ours.tensors().keySet()).containsExactlyInAnyOrderElementsOf(golden.tensors().keySet());
            for (TensorInfo g : golden.tensors().values()) {
                TensorInfo t = ours.tensor(g.name());
                assertThat(t.type()).as(g.name()).isEqualTo(g.type());
                assertThat(t.ne()).as(g.name()).isEqualTo(g.ne());
                assertThat(ours.data(t).mismatch(golden.data(g))).as("bytes of " + g.name()).isEqualTo(-1L);
            }
            assertThat(ours.tensor("token_embd.weight").type()).isEqualTo(GgmlType.Q8_0);
            for (var e : source.metadata().entries().entrySet()) {
                if (!e.getKey().equals("general.file_type")) {
                    assertThat(ours.metadata().get(e.getKey())).as(e.getKey()).contains(e.getValue());
                }
            }
            for (String key : new String[] {"general.file_type", "general.quantization_version"}) {
                assertThat(ours.metadata().get(key)).as(key).isEqualTo(golden.metadata().get(key));
            }
            assertThat(ours.metadata().getInt("general.file_type")).isEqualTo(fileType);
        }
    }

    @ParameterizedTest(name = "--keep-embedding {0}")
    @CsvSource({"f32, F32", "f16, F16", "q8_0, Q8_0", "q4_0, Q4_0", "auto, Q8_0"})
    void keepEmbeddingChoosesTheEmbeddingsType(String choice, GgmlType expected) throws IOException {
        Path in = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
        Path out = tmp.resolve(choice + ".gguf");
        var options = new PostTrainingQuantizer.Options(GgmlType.Q4_0, PtqMethod.RTN, null, choice, 1, 1);
        var report = PostTrainingQuantizer.quantize(in, out, options);
        try (GgufFile f = GgufReader.open(out)) {
            assertThat(f.tensor("token_embd.weight").type()).isEqualTo(expected);
            assertThat(f.tensor("blk.3.ffn_down.weight").type()).isEqualTo(GgmlType.Q4_0);
            assertThat(f.tensor("blk.3.attn_k_norm.weight").type()).isEqualTo(GgmlType.F32);
        }
        assertThat(report.countByType().get(GgmlType.F32)).isGreaterThanOrEqualTo(37);
    }

    @Test
    void refusesToOverwriteItsInputAndACalibratedMethodWithoutText() {
        Path in = TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> PostTrainingQuantizer.quantize(in, in, options(GgmlType.Q4_0, PtqMethod.RTN, null)))
                .hasMessageContaining("overwrite");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options(GgmlType.Q4_0, PtqMethod.SCALE_SEARCH, null))
                .hasMessageContaining("--calib");
    }

    static PostTrainingQuantizer.Options options(GgmlType type, PtqMethod method, Path calib) {
        return new PostTrainingQuantizer.Options(type, method, calib, null, 4096, 2);
    }
}
