package io.qat4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.qat4j.core.quant.TensorCodec;
import io.qat4j.testkit.TestData;

/**
 * Mutated GGUF files (byte flips, truncation, insertions, deletions, forged header fields): opening
 * either succeeds, and then every tensor is readable and decodable, or fails with a
 * GgufFormatException. No other exception, error or hang may escape.
 */
class GgufMutationProperties {
    private static final long[] INTERESTING = {0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 31, 32, 33, 64, 255, 256,
        0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 1L << 32, 1L << 40, 1L << 62, Long.MAX_VALUE,
        Long.MIN_VALUE, -1, -32};

    private static final byte[] SMALL = toBytes(smallValidFile());

    /** A small file with several value types, a nested array and four tensors of different types. */
    static GgufWriter smallValidFile() {
        var rnd = new Random(7);
        byte[] q8 = new byte[GgmlType.Q8_0.blockBytes() * 2];
        byte[] q4 = new byte[GgmlType.Q4_0.blockBytes() * 2];
        byte[] f16 = new byte[16];
        rnd.nextBytes(q8);
        rnd.nextBytes(q4);
        rnd.nextBytes(f16);
        return new GgufWriter()
                .putString("general.architecture", "gemma3")
                .putUint32("gemma3.block_count", 1)
                .putFloat32("eps", 1e-6f)
                .putBool("flag", true)
                .put("i64", new GgufValue(GgufValueType.INT64, -5L))
                .putArray("tokens", GgufArray.ofStrings("<pad>", "a", "▁b"))
                .putArray("scores", GgufArray.ofFloats(0f, -1f, -2f))
                .putArray("nested", new GgufArray(GgufValueType.ARRAY,
                        new GgufArray[] {GgufArray.ofInt32(1, 2), GgufArray.ofBools(false)}))
                .addTensor("norm", GgmlType.F32, new long[] {8}, MemorySegment.ofArray(new float[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .addTensor("q8", GgmlType.Q8_0, new long[] {32, 2}, MemorySegment.ofArray(q8))
                .addTensor("q4", GgmlType.Q4_0, new long[] {64}, MemorySegment.ofArray(q4))
                .addTensor("f16", GgmlType.F16, new long[] {4, 2}, MemorySegment.ofArray(f16));
    }

    private static byte[] toBytes(GgufWriter w) {
        try {
            Path p = Files.createTempFile("qat4j-small", ".gguf");
            try {
                w.write(p);
                return Files.readAllBytes(p);
            } finally {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] golden() {
        try {
            return Files.readAllBytes(TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A mutated image and how it was made, for the failure report. */
    record Mutant(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how + " (" + bytes.length + " bytes)";
        }
    }

    @Provide
    Arbitrary<Mutant> smallMutants() {
        return Arbitraries.randoms().map(r -> mutate(SMALL, r));
    }

    @Provide
    Arbitrary<Mutant> goldenMutants() {
        byte[] base = golden();
        // Mutations are aimed at the header (the first 13 KB): flipping weight bytes proves nothing.
        return Arbitraries.randoms().map(r -> mutate(base, r, 13_100));
    }

    @Property(tries = 3000)
    void mutatedSmallFileOpensOrFailsCleanly(@ForAll("smallMutants") Mutant m) {
        openOrFailCleanly(m);
    }

    @Property(tries = 400)
    void mutatedGoldenFileOpensOrFailsCleanly(@ForAll("goldenMutants") Mutant m) {
        openOrFailCleanly(m);
    }

    /** The same through a real file and its memory mapping. */
    @Property(tries = 150)
    void mutatedFileOnDiskOpensOrFailsCleanly(@ForAll("smallMutants") Mutant m) throws IOException {
        Path p = Files.createTempFile("qat4j-mutant", ".gguf");
        try {
            Files.write(p, m.bytes());
            try (GgufFile f = GgufReader.open(p)) {
                readEverything(f);
            } catch (GgufFormatException e) {
                assertThat(e.getMessage()).startsWith(p + ": ");
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    private static void openOrFailCleanly(Mutant m) {
        GgufFile f;
        try {
            f = GgufReader.parse("mutant.gguf", MemorySegment.ofArray(m.bytes()), null);
        } catch (GgufFormatException e) {
            assertThat(e.getMessage()).startsWith("mutant.gguf: ").hasSizeGreaterThan("mutant.gguf: ".length() + 10);
            return;
        }
        readEverything(f);
        f.close();
    }

    /** Touches every byte of every tensor and decodes those whose type qat4j supports. */
    private static void readEverything(GgufFile f) {
        assertThat(f.metadata().entries().toString()).isNotNull();
        for (TensorInfo t : f.tensors().values()) {
            MemorySegment data = f.data(t);
            assertThat(data.byteSize()).isEqualTo(t.byteSize());
            long sum = 0;
            for (long i = 0; i < data.byteSize(); i++) {
                sum += data.get(ValueLayout.JAVA_BYTE, i);
            }
            assertThat(sum).isBetween(-128 * data.byteSize(), 127 * data.byteSize());
            if (t.type().isSupported()) {
                int n = Math.toIntExact(t.elementCount());
                TensorCodec.forTensor(f.name(), t).dequantize(data, 0, new float[n], 0, n);
            }
        }
    }

    static Mutant mutate(byte[] base, Random r) {
        return mutate(base, r, base.length);
    }

    /** One to three random mutations, positioned below {@code limit}. */
    static Mutant mutate(byte[] base, Random r, int limit) {
        byte[] b = base;
        var how = new StringBuilder();
        int count = 1 + r.nextInt(3);
        for (int k = 0; k < count; k++) {
            int at = r.nextInt(Math.max(1, Math.min(limit, b.length)));
            switch (r.nextInt(6)) {
                case 0 -> {
                    b = b.clone();
                    int v = r.nextInt(256);
                    if (b.length > 0) {
                        b[at] = (byte) v;
                    }
                    how.append("set byte ").append(at).append(" to ").append(v).append("; ");
                }
                case 1 -> {
                    b = b.clone();
                    int bit = r.nextInt(8);
                    if (b.length > 0) {
                        b[at] ^= (byte) (1 << bit);
                    }
                    how.append("flip bit ").append(bit).append(" of byte ").append(at).append("; ");
                }
                case 2 -> {
                    int len = r.nextInt(b.length + 1);
                    b = Arrays.copyOf(b, len);
                    how.append("truncate to ").append(len).append("; ");
                }
                case 3 -> {
                    byte[] ins = new byte[1 + r.nextInt(16)];
                    r.nextBytes(ins);
                    byte[] nb = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, nb, 0, Math.min(at, b.length));
                    System.arraycopy(ins, 0, nb, Math.min(at, b.length), ins.length);
                    System.arraycopy(b, Math.min(at, b.length), nb, Math.min(at, b.length) + ins.length,
                            b.length - Math.min(at, b.length));
                    b = nb;
                    how.append("insert ").append(ins.length).append(" bytes at ").append(at).append("; ");
                }
                case 4 -> {
                    int len = Math.min(1 + r.nextInt(16), b.length - Math.min(at, b.length));
                    byte[] nb = new byte[b.length - len];
                    System.arraycopy(b, 0, nb, 0, Math.min(at, b.length));
                    System.arraycopy(b, Math.min(at, b.length) + len, nb, Math.min(at, b.length),
                            b.length - Math.min(at, b.length) - len);
                    b = nb;
                    how.append("delete ").append(len).append(" bytes at ").append(at).append("; ");
                }
                default -> {
                    // A forged count, length, type id, dimension or offset: an interesting value
                    // written over 4 or 8 bytes, at one of the fixed header fields or anywhere in the header.
                    long v = INTERESTING[r.nextInt(INTERESTING.length)];
                    int width = r.nextBoolean() ? 4 : 8;
                    int[] fixed = {4, 8, 16};
                    int pos = r.nextInt(3) == 0 ? fixed[r.nextInt(fixed.length)] : at;
                    if (pos + width <= b.length) {
                        b = b.clone();
                        if (width == 4) {
                            GgufBytes.overwriteU32(b, pos, v);
                        } else {
                            GgufBytes.overwriteU64(b, pos, v);
                        }
                    }
                    how.append("write u").append(width * 8).append(' ').append(Long.toUnsignedString(v))
                            .append(" at ").append(pos).append("; ");
                }
            }
        }
        return new Mutant(how.toString(), b);
    }
}
