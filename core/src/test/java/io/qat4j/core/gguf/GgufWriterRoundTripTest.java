package io.qat4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.core.quant.TensorCodec;
import io.qat4j.testkit.TestData;

class GgufWriterRoundTripTest {
    @TempDir
    Path dir;

    /** One value of each of the 13 types, each array element type, and arrays of arrays. */
    static Map<String, GgufValue> everyValueType() {
        var m = new LinkedHashMap<String, GgufValue>();
        m.put("t.uint8", new GgufValue(GgufValueType.UINT8, (byte) 0xFF));
        m.put("t.int8", new GgufValue(GgufValueType.INT8, Byte.MIN_VALUE));
        m.put("t.uint16", new GgufValue(GgufValueType.UINT16, (short) 0xFFFF));
        m.put("t.int16", new GgufValue(GgufValueType.INT16, Short.MIN_VALUE));
        m.put("t.uint32", GgufValue.ofUint32(0xFFFF_FFFFL));
        m.put("t.int32", GgufValue.ofInt32(Integer.MIN_VALUE));
        m.put("t.uint64", GgufValue.ofUint64(-1L)); // 2^64 - 1
        m.put("t.int64", new GgufValue(GgufValueType.INT64, Long.MIN_VALUE));
        m.put("t.float32", GgufValue.ofFloat32(-0.0f));
        m.put("t.float32.subnormal", GgufValue.ofFloat32(Float.MIN_VALUE));
        m.put("t.float32.nan", GgufValue.ofFloat32(Float.intBitsToFloat(0x7FC0_0001)));
        m.put("t.float64", new GgufValue(GgufValueType.FLOAT64, Math.PI));
        m.put("t.bool.true", GgufValue.ofBool(true));
        m.put("t.bool.false", GgufValue.ofBool(false));
        m.put("t.string", GgufValue.ofString("Grüße ▁ 🦙 \u0000 end"));
        m.put("t.string.empty", GgufValue.ofString(""));
        m.put("t.arr.uint8", arr(GgufValueType.UINT8, new byte[] {0, 1, (byte) 0xFF}));
        m.put("t.arr.int8", arr(GgufValueType.INT8, new byte[] {-128, 0, 127}));
        m.put("t.arr.uint16", arr(GgufValueType.UINT16, new short[] {0, (short) 0xFFFF}));
        m.put("t.arr.int16", arr(GgufValueType.INT16, new short[] {Short.MIN_VALUE, -1, Short.MAX_VALUE}));
        m.put("t.arr.uint32", arr(GgufValueType.UINT32, new int[] {0, -1}));
        m.put("t.arr.int32", GgufValue.ofArray(GgufArray.ofInt32(Integer.MIN_VALUE, 0, 7)));
        m.put("t.arr.uint64", arr(GgufValueType.UINT64, new long[] {-1L, 0}));
        m.put("t.arr.int64", arr(GgufValueType.INT64, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
        m.put("t.arr.float32", GgufValue.ofArray(GgufArray.ofFloats(1.5f, Float.NEGATIVE_INFINITY, -0.0f)));
        m.put("t.arr.float64", arr(GgufValueType.FLOAT64, new double[] {Double.MIN_VALUE, -1e300}));
        m.put("t.arr.bool", GgufValue.ofArray(GgufArray.ofBools(true, false, true)));
        m.put("t.arr.string", GgufValue.ofArray(GgufArray.ofStrings("<pad>", "", "▁hello")));
        m.put("t.arr.empty", GgufValue.ofArray(GgufArray.ofStrings()));
        m.put("t.arr.empty.float", GgufValue.ofArray(GgufArray.ofFloats()));
        GgufArray inner1 = GgufArray.ofInt32(1, 2, 3);
        GgufArray inner2 = GgufArray.ofStrings("a", "b");
        GgufArray innerEmpty = new GgufArray(GgufValueType.ARRAY, new GgufArray[0]);
        GgufArray middle = new GgufArray(GgufValueType.ARRAY, new GgufArray[] {inner1, inner2, innerEmpty});
        m.put("t.arr.nested", GgufValue.ofArray(new GgufArray(GgufValueType.ARRAY,
                new GgufArray[] {middle, new GgufArray(GgufValueType.ARRAY, new GgufArray[] {inner1})})));
        return m;
    }

    private static GgufValue arr(GgufValueType type, Object elements) {
        return GgufValue.ofArray(new GgufArray(type, elements));
    }

    @Test
    void everyMetadataTypeRoundTrips() throws Exception {
        Map<String, GgufValue> values = everyValueType();
        assertThat(values.values().stream().map(GgufValue::type).distinct()).hasSize(13);
        var w = new GgufWriter();
        values.forEach(w::put);
        Path p = dir.resolve("values.gguf");
        w.write(p);
        assertThat(Files.size(p)).isEqualTo(w.fileSize());
        try (GgufFile f = GgufReader.open(p)) {
            assertThat(f.metadata().entries()).containsExactlyEntriesOf(values);
            assertThat(f.metadata().entries().keySet()).containsExactlyElementsOf(values.keySet());
            assertThat(f.tensors()).isEmpty();
            // Unsigned values come back widened, not sign-extended.
            assertThat(f.metadata().getLong("t.uint32")).isEqualTo(0xFFFF_FFFFL);
            assertThat(f.metadata().get("t.uint8").orElseThrow().asLong()).isEqualTo(255);
            assertThat(f.metadata().getArray("t.arr.uint16").longAt(1)).isEqualTo(0xFFFF);
            assertThatThrownBy(() -> f.metadata().getLong("t.uint64")).hasMessageContaining("t.uint64")
                    .hasMessageContaining("18446744073709551615");
            float nan = (Float) f.metadata().get("t.float32.nan").orElseThrow().value();
            assertThat(Float.floatToRawIntBits(nan)).as("NaN payload kept").isEqualTo(0x7FC0_0001);
        }
    }

    /** The exact bytes of a small file, spelled out from the GGUF v3 layout rather than by the writer. */
    @Test
    void writerProducesTheSpecifiedBytes() throws Exception {
        byte[] tensor = {1, 2, 3, 4, 5, 6, 7, 8};
        Path p = dir.resolve("exact.gguf");
        new GgufWriter()
                .putString("general.architecture", "x")
                .put("n", new GgufValue(GgufValueType.UINT16, (short) 0x1234))
                .putArray("a", GgufArray.ofBools(true, false))
                .addTensor("w", GgmlType.F16, new long[] {2, 2}, MemorySegment.ofArray(tensor))
                .write(p);
        byte[] expected = GgufBytes.header(1, 3)
                .key("general.architecture", GgufValueType.STRING).string("x")
                .key("n", GgufValueType.UINT16).u16(0x1234)
                .key("a", GgufValueType.ARRAY).u32(GgufValueType.BOOL.id()).u64(2).u8(1).u8(0)
                .tensor("w", new long[] {2, 2}, 1, 0)
                .padTo(32)
                .raw(tensor)
                .padTo(32)
                .toByteArray();
        assertThat(Files.readAllBytes(p)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 64, 4096})
    void tensorsOfSeveralTypesRoundTripWithAnyAlignment(int alignment) throws Exception {
        var rnd = new Random(alignment);
        var tensors = new LinkedHashMap<String, Object[]>(); // name -> {type, ne, bytes}
        tensors.put("f32", new Object[] {GgmlType.F32, new long[] {3}});
        tensors.put("f16", new Object[] {GgmlType.F16, new long[] {5, 3}});
        tensors.put("bf16", new Object[] {GgmlType.BF16, new long[] {7, 1, 2}});
        tensors.put("q8_0", new Object[] {GgmlType.Q8_0, new long[] {64, 3}});
        tensors.put("q4_0", new Object[] {GgmlType.Q4_0, new long[] {32, 1, 1, 2}});
        tensors.put("q4_k", new Object[] {GgmlType.Q4_K, new long[] {256}});
        tensors.put("q6_k", new Object[] {GgmlType.Q6_K, new long[] {256, 2}});
        tensors.put("q5_k.unsupported.but.storable", new Object[] {GgmlType.Q5_K, new long[] {512}});
        tensors.put("i8", new Object[] {GgmlType.I8, new long[] {13}});
        var w = new GgufWriter().put("general.alignment", GgufValue.ofUint32(alignment)).putString("k", "v");
        var bytes = new LinkedHashMap<String, byte[]>();
        tensors.forEach((name, spec) -> {
            GgmlType type = (GgmlType) spec[0];
            long[] ne = (long[]) spec[1];
            byte[] b = new byte[(int) new TensorInfo(name, ne, type, 0).byteSize()];
            rnd.nextBytes(b);
            bytes.put(name, b);
            w.addTensor(name, type, ne, MemorySegment.ofArray(b));
        });
        Path p = dir.resolve("tensors-" + alignment + ".gguf");
        w.write(p);
        assertThat(Files.size(p)).isEqualTo(w.fileSize());
        try (GgufFile f = GgufReader.open(p)) {
            assertThat(f.alignment()).isEqualTo(alignment);
            assertThat(f.dataStart() % alignment).isZero();
            assertThat(f.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
            long previousEnd = 0;
            for (TensorInfo t : f.tensors().values()) {
                Object[] spec = tensors.get(t.name());
                assertThat(t.type()).isEqualTo(spec[0]);
                assertThat(t.ne()).containsExactly((long[]) spec[1]);
                assertThat(t.offset() % alignment).as(t.name()).isZero();
                assertThat(t.offset()).as("packed in order, padding only").isEqualTo(
                        GgufReader.alignUp(previousEnd, alignment));
                previousEnd = t.offset() + t.byteSize();
                assertThat(f.data(t).toArray(ValueLayout.JAVA_BYTE)).as(t.name())
                        .isEqualTo(bytes.get(t.name()));
            }
            assertThat(f.fileSize()).isEqualTo(f.dataStart() + GgufReader.alignUp(previousEnd, alignment));
        }
    }

    @Test
    void floatArrayBackedTensorDataIsWritten() throws Exception {
        float[] values = {1f, -2.5f, 3e-8f, Float.MAX_VALUE};
        Path p = dir.resolve("floats.gguf");
        new GgufWriter().addTensor("w", GgmlType.F32, new long[] {4}, MemorySegment.ofArray(values)).write(p);
        try (GgufFile f = GgufReader.open(p)) {
            float[] back = new float[4];
            MemorySegment.copy(f.data("w"), TensorCodec.LE_FLOAT, 0, back, 0, 4);
            assertThat(back).containsExactly(values);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemma3-tiny/gemma3-tiny-f32.gguf", "gemma3-tiny/gemma3-tiny-q4_0.gguf",
        "gemma3-tiny/gemma3-tiny-q8_0.gguf", "torch-reference/tiny-ref-f32.gguf"})
    void rewritingAGoldenFileReproducesItByteForByte(String golden) throws Exception {
        Path src = TestData.file(golden);
        Path copy = dir.resolve("copy.gguf");
        try (GgufFile f = GgufReader.open(src)) {
            var w = new GgufWriter().putAll(f.metadata());
            for (TensorInfo t : f.tensors().values()) {
                w.addTensor(t.name(), t.type(), t.ne(), f.data(t));
            }
            w.write(copy);
        }
        try (GgufFile a = GgufReader.open(src); GgufFile b = GgufReader.open(copy)) {
            assertThat(b.metadata().entries()).containsExactlyEntriesOf(a.metadata().entries());
            assertThat(b.tensors()).containsExactlyEntriesOf(a.tensors());
            for (TensorInfo t : a.tensors().values()) {
                assertThat(b.data(t.name()).mismatch(a.data(t))).as(t.name()).isEqualTo(-1);
            }
        }
        // llama.cpp's writers lay files out exactly as ours does (same order, padding and alignment).
        assertThat(Files.mismatch(src, copy)).isEqualTo(-1);
    }

    @Test
    void alignmentRulesAreEnforcedAndKeptConsistent() throws Exception {
        assertThatThrownBy(() -> new GgufWriter().put("general.alignment", GgufValue.ofUint32(48)))
                .hasMessageContaining("general.alignment");
        assertThatThrownBy(() -> new GgufWriter().put("general.alignment", GgufValue.ofUint32(0)))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> new GgufWriter().put("general.alignment", GgufValue.ofUint32(1 << 21)))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> new GgufWriter().put("general.alignment", GgufValue.ofString("64")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint32");
        var w = new GgufWriter().put("general.alignment", GgufValue.ofUint32(64))
                .addTensor("a", GgmlType.F32, new long[] {1}, MemorySegment.ofArray(new byte[4]));
        assertThatThrownBy(() -> w.put("general.alignment", GgufValue.ofUint32(128)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.remove("general.alignment")).isInstanceOf(IllegalStateException.class);
        w.put("general.alignment", GgufValue.ofUint32(64)); // the same value again is harmless

        // Removing the key before any tensor restores the default, which is what a reader will assume.
        Path p = dir.resolve("removed.gguf");
        new GgufWriter().put("general.alignment", GgufValue.ofUint32(256)).remove("general.alignment")
                .addTensor("a", GgmlType.F32, new long[] {3}, MemorySegment.ofArray(new byte[12]))
                .addTensor("b", GgmlType.F32, new long[] {3}, MemorySegment.ofArray(new byte[12]))
                .write(p);
        try (GgufFile f = GgufReader.open(p)) {
            assertThat(f.alignment()).isEqualTo(32);
            assertThat(f.tensor("b").offset()).isEqualTo(32);
        }
    }

    @Test
    void badTensorsAreRejectedWhenAdded() {
        var seg = MemorySegment.ofArray(new byte[64]);
        var w = new GgufWriter().addTensor("x", GgmlType.F32, new long[] {1}, MemorySegment.ofArray(new byte[4]));
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {1}, seg)).hasMessageContaining("twice");
        assertThatThrownBy(() -> w.addTensor("zero", GgmlType.F32, new long[] {0}, seg))
                .hasMessageContaining("zero").hasMessageContaining("positive");
        assertThatThrownBy(() -> w.addTensor("neg", GgmlType.F32, new long[] {4, -1}, seg))
                .hasMessageContaining("neg").hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> w.addTensor("five", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, seg))
                .hasMessageContaining("1 to 4 dimensions");
        assertThatThrownBy(() -> w.addTensor("none", GgmlType.F32, new long[0], seg))
                .hasMessageContaining("1 to 4 dimensions");
        assertThatThrownBy(() -> w.addTensor("row", GgmlType.Q4_0, new long[] {48}, seg))
                .hasMessageContaining("row").hasMessageContaining("block size 32");
        assertThatThrownBy(() -> w.addTensor("huge", GgmlType.F32, new long[] {1L << 40, 1L << 40}, seg))
                .hasMessageContaining("huge").hasMessageContaining("overflows");
        assertThatThrownBy(() -> w.addTensor("n".repeat(64), GgmlType.F32, new long[] {1}, seg))
                .hasMessageContaining("longer than 63 bytes");
    }

    @Test
    void tensorDataOfTheWrongSizeFailsAndLeavesNothingBehind() throws Exception {
        Path p = dir.resolve("wrong.gguf");
        var w = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {4}, MemorySegment.ofArray(new byte[15]));
        assertThatThrownBy(() -> w.write(p)).hasMessageContaining("'w'").hasMessageContaining("15 bytes")
                .hasMessageContaining("16");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
