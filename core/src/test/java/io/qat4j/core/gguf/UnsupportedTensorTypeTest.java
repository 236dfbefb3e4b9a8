package io.qat4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.quant.TensorCodec;

/**
 * A file holding types ggml knows but qat4j cannot decode opens and can be inspected; the failure
 * comes only when such a tensor's values are asked for, and it names the file, tensor and type.
 */
class UnsupportedTensorTypeTest {
    @TempDir
    Path dir;

    @Test
    void inspectWorksAndDecodingFailsClearly() throws Exception {
        byte[] q5k = new byte[(int) GgmlType.Q5_K.bytesFor(512)];
        q5k[7] = 42;
        Path p = dir.resolve("mixed.gguf");
        new GgufWriter()
                .addTensor("blk.0.ffn_down.weight", GgmlType.Q5_K, new long[] {256, 2}, MemorySegment.ofArray(q5k))
                .addTensor("blk.0.attn_q.weight", GgmlType.IQ4_XS, new long[] {256},
                        MemorySegment.ofArray(new byte[GgmlType.IQ4_XS.blockBytes()]))
                .addTensor("output_norm.weight", GgmlType.F32, new long[] {2}, MemorySegment.ofArray(new float[] {1.5f, -2}))
                .write(p);
        try (GgufFile f = GgufReader.open(p)) {
            TensorInfo down = f.tensor("blk.0.ffn_down.weight");
            assertThat(down.type()).isEqualTo(GgmlType.Q5_K);
            assertThat(down.type().isSupported()).isFalse();
            assertThat(down.byteSize()).isEqualTo(2 * 176);
            assertThat(f.data(down).get(ValueLayout.JAVA_BYTE, 7)).as("raw bytes stay readable").isEqualTo((byte) 42);
            assertThat(f.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.IQ4_XS);

            assertThatThrownBy(() -> TensorCodec.forTensor(f.name(), down))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageStartingWith(p + ": tensor 'blk.0.ffn_down.weight' has type Q5_K")
                    .hasMessageContaining("cannot decode");
            assertThatThrownBy(() -> TensorCodec.of(GgmlType.IQ4_XS)).hasMessageContaining("IQ4_XS is not supported");

            TensorInfo norm = f.tensor("output_norm.weight");
            float[] out = new float[2];
            TensorCodec.forTensor(f.name(), norm).dequantize(f.data(norm), 0, out, 0, 2);
            assertThat(out).containsExactly(1.5f, -2f);
        }
    }
}
