package io.qat4j.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.testkit.TestData;

class SafetensorsFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheTorchReferenceBatch() throws IOException {
        try (var f = SafetensorsFile.open(TestData.file("torch-reference/batch.safetensors"))) {
            assertThat(f.metadata()).containsEntry("config", "tiny-ref");
            assertThat(f.entry("token_ids").dtype()).isEqualTo(SafetensorsDType.I64);
            assertThat(f.entry("token_ids").shape()).containsExactly(3, 25);
            int[] ids = f.ints("token_ids");
            // reference.json lists the first row as 2, 182, 76, 200 ...
            assertThat(ids).startsWith(2, 182, 76, 200);
            assertThat(f.entry("logits").shape()).containsExactly(3, 24, 300);
            assertThat(f.floats("logits")).hasSize(3 * 24 * 300);
            assertThat(f.doubles("loss")[0]).isEqualTo(5.708653992926062);
        }
    }

    @Test
    void readsF16U8I8AndBf16Tensors() throws IOException {
        try (var q4 = SafetensorsFile.open(TestData.file("torch-reference/fakequant_q4_0.weight.safetensors"));
                var q8 = SafetensorsFile.open(TestData.file("torch-reference/fakequant_q8_0.weight.safetensors"));
                var hf = SafetensorsFile.open(TestData.file("torch-reference/hf-tiny/model.safetensors"))) {
            float[] deq = q4.floats("blk.0.ffn_up.weight");
            float[] scales = q4.floats("blk.0.ffn_up.weight.scales");
            long[] codes = q4.longs("blk.0.ffn_up.weight.codes");
            assertThat(q4.entry("blk.0.ffn_up.weight.codes").dtype()).isEqualTo(SafetensorsDType.U8);
            for (int i = 0; i < deq.length; i++) {
                assertThat(deq[i]).isEqualTo(scales[i / 32] * (codes[i] - 8));
            }
            float[] deq8 = q8.floats("blk.0.ffn_up.weight");
            float[] scales8 = q8.floats("blk.0.ffn_up.weight.scales");
            long[] codes8 = q8.longs("blk.0.ffn_up.weight.codes");
            assertThat(q8.entry("blk.0.ffn_up.weight.codes").dtype()).isEqualTo(SafetensorsDType.I8);
            assertThat(java.util.Arrays.stream(codes8).anyMatch(c -> c < 0)).isTrue();
            for (int i = 0; i < deq8.length; i++) {
                assertThat(deq8[i]).isEqualTo(scales8[i / 32] * codes8[i]);
            }
            assertThat(hf.metadata()).containsEntry("format", "pt");
            assertThat(hf.entry("model.embed_tokens.weight").dtype()).isEqualTo(SafetensorsDType.BF16);
            assertThat(hf.floats("model.embed_tokens.weight")).hasSize(300 * 64);
        }
    }

    @Test
    void writerRoundTripsEveryDtypeAndMetadata() throws IOException {
        var w = new SafetensorsWriter().putMetadata("step", "7");
        w.addF32("a", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f});
        w.addF64("b", new long[] {1}, new double[] {Math.PI});
        w.addI64("c", new long[] {2}, new long[] {-1, 1L << 40});
        w.add("d", SafetensorsDType.I32, new long[] {1}, MemorySegment.ofArray(le(4).putInt(-7).array()));
        w.add("e", SafetensorsDType.F16, new long[] {1}, MemorySegment.ofArray(le(2).putShort(Float.floatToFloat16(1.5f)).array()));
        w.add("f", SafetensorsDType.U8, new long[] {2}, MemorySegment.ofArray(new byte[] {(byte) 200, 1}));
        w.add("g", SafetensorsDType.I8, new long[] {1}, MemorySegment.ofArray(new byte[] {(byte) -3}));
        w.add("h", SafetensorsDType.BF16, new long[] {1}, MemorySegment.ofArray(le(2).putShort((short) 0x3FC0).array()));
        w.add("empty", SafetensorsDType.F32, new long[] {0, 4}, MemorySegment.ofArray(new byte[0]));
        Path p = tmp.resolve("x.safetensors");
        w.write(p);
        byte[] image = Files.readAllBytes(p);
        assertThat(image).isEqualTo(w.toBytes());
        long headerLen = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLen % 8).isZero();
        try (var f = SafetensorsFile.open(p)) {
            assertThat(f.metadata()).containsEntry("step", "7");
            assertThat(f.entries().keySet()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "empty");
            assertThat(f.floats("a")).containsExactly(1, 2, 3, 4, 5, -6.5f);
            assertThat(f.doubles("b")).containsExactly(Math.PI);
            assertThat(f.longs("c")).containsExactly(-1, 1L << 40);
            assertThat(f.ints("d")).containsExactly(-7);
            assertThat(f.floats("e")).containsExactly(1.5f);
            assertThat(f.longs("f")).containsExactly(200, 1);
            assertThat(f.longs("g")).containsExactly(-3);
            assertThat(f.floats("h")).containsExactly(1.5f);
            assertThat(f.floats("empty")).isEmpty();
            assertThatThrownBy(() -> f.floats("c")).hasMessageContaining("'c'").hasMessageContaining("I64");
            assertThatThrownBy(() -> f.floats("zz")).hasMessageContaining("'zz' is missing");
        }
    }

    @Test
    void rejectsHugeHeaderLength() throws IOException {
        byte[] b = le(16).putLong(Long.MAX_VALUE / 2).putLong(0).array();
        assertRejected(b, "header length", "limit");
        byte[] c = le(16).putLong(1000).putLong(0).array();
        assertRejected(c, "header length 1000 runs past the end");
    }

    @Test
    void rejectsTruncatedFile() throws IOException {
        assertRejected(new byte[] {1, 2, 3}, "too short");
    }

    @Test
    void rejectsOffsetsOutOfRange() throws IOException {
        assertRejected(image("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4),
                "tensor 't'", "run past the end");
    }

    @Test
    void rejectsShapeSizeMismatch() throws IOException {
        assertRejected(image("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "tensor 't' holds 8 bytes", "needs 12");
    }

    @Test
    void rejectsOverlappingAndUnorderedOffsets() throws IOException {
        assertRejected(image("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlaps tensor 'a'");
        assertRejected(image("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8),
                "tensor 'a'", "end before they begin");
        assertRejected(image("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
                "tensor 'a' data starts at 4", "no holes");
        assertRejected(image("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "trailing");
    }

    @Test
    void acceptsOffsetsListedOutOfOrder() throws IOException {
        byte[] img = image("{\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 2);
        img[img.length - 2] = 5;
        img[img.length - 1] = 6;
        var f = SafetensorsFile.parse("mem", MemorySegment.ofArray(img));
        assertThat(f.longs("a")).containsExactly(5);
        assertThat(f.longs("b")).containsExactly(6);
    }

    @Test
    void rejectsBadJsonDtypesAndShapes() throws IOException {
        assertRejected(image("{\"t\":", 0), "not valid JSON");
        assertRejected(image("[1,2]", 0), "must be a JSON object");
        assertRejected(image("{\"t\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
                "tensor 't'", "F8_E4M3");
        assertRejected(image("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0),
                "tensor 't' shape dimension 0");
        assertRejected(image("{\"t\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],"
                + "\"data_offsets\":[0,0]}}", 0), "tensor 't'", "overflows");
        assertRejected(image("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "not valid JSON", "Duplicate");
        assertRejected(image("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ entry 'k'");
    }

    @Test
    void rejectsDirectoriesAndMissingFiles() {
        assertThatThrownBy(() -> SafetensorsFile.open(tmp)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> SafetensorsFile.open(tmp.resolve("nope.safetensors")))
                .hasMessageContaining("nope.safetensors");
    }

    private void assertRejected(byte[] image, String... fragments) throws IOException {
        Path p = tmp.resolve("bad.safetensors");
        Files.write(p, image);
        var thrown = assertThatThrownBy(() -> {
            try (var f = SafetensorsFile.open(p)) {
                f.entries();
            }
        }).isInstanceOf(SafetensorsFormatException.class).hasMessageContaining(p.toString());
        for (String s : fragments) {
            thrown.hasMessageContaining(s);
        }
    }

    private static byte[] image(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return le(8 + h.length + dataBytes).putLong(h.length).put(h).array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
