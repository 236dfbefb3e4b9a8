package io.qat4j.core.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.testkit.TestData;

/**
 * Malformed, truncated and forged GGUF files: each must fail with a GgufFormatException whose
 * message names the file and the fault, and nothing may allocate in proportion to a forged count.
 */
class GgufHostileInputTest {
    private static final long HUGE = 1L << 62;
    private static final int F32 = GgmlType.F32.id();

    @TempDir
    Path dir;

    /** Writes {@code bytes} as {@code name} and expects open to fail with all of {@code phrases}. */
    private void assertRejected(String name, byte[] bytes, String... phrases) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        assertThatThrownBy(() -> {
            try (GgufFile ignored = GgufReader.open(p)) {
                // opening must fail
            }
        }).isInstanceOf(GgufFormatException.class)
                .hasMessageStartingWith(p.toString() + ": ")
                .hasMessageContainingAll(phrases);
    }

    /** A header with no tensors and one key whose type and value bytes the caller appends. */
    private static GgufBytes oneKey(String key, GgufValueType type) {
        return GgufBytes.header(0, 1).key(key, type);
    }

    /** A file with one tensor info as given, followed by {@code dataBytes} of tensor data. */
    private static byte[] oneTensor(long[] ne, long typeId, long offset, int dataBytes) {
        return GgufBytes.header(1, 0).tensor("w", ne, typeId, offset).padTo(32).zeros(dataBytes).toByteArray();
    }

    @Test
    void emptyAndTinyFiles() throws IOException {
        assertRejected("empty.gguf", new byte[0], "0 bytes long", "empty");
        assertRejected("three.gguf", new byte[] {'G', 'G', 'U'}, "3 bytes long");
        assertRejected("magic-only.gguf", "GGUF".getBytes(), "unexpected end of file", "version");
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] ggml = GgufBytes.header(0, 0).toByteArray();
        ggml[2] = 'M';
        ggml[3] = 'L';
        assertRejected("ggml.bin", ggml, "not a GGUF file", "\"GGML\"");
        assertRejected("binary.gguf", new byte[] {0, (byte) 0xFF, 10, 13, 0, 0, 0, 0}, "not a GGUF file", "\\x00\\xff");
    }

    @Test
    void unsupportedVersions() throws IOException {
        for (long v : new long[] {0, 1, 4, 0xFFFF_FFFFL}) {
            byte[] b = GgufBytes.header(0, 0).toByteArray();
            GgufBytes.overwriteU32(b, 4, v);
            assertRejected("v" + v + ".gguf", b, "unsupported GGUF version " + v);
        }
        byte[] bigEndian = GgufBytes.header(0, 0).toByteArray();
        GgufBytes.overwriteU32(bigEndian, 4, Integer.reverseBytes(3));
        assertRejected("big-endian.gguf", bigEndian, "big-endian");
    }

    @Test
    void absurdCounts() throws IOException {
        assertRejected("tensor-count.gguf", GgufBytes.header(HUGE, 0).zeros(64).toByteArray(),
                "tensor count is " + HUGE);
        assertRejected("tensor-count-max.gguf", GgufBytes.header(-1, 0).zeros(64).toByteArray(),
                "tensor count is 18446744073709551615");
        assertRejected("kv-count.gguf", GgufBytes.header(0, HUGE).zeros(64).toByteArray(),
                "metadata key/value count is " + HUGE);
        // Small enough for an int, too many for the bytes that follow.
        assertRejected("kv-count-1000.gguf", GgufBytes.header(0, 1000).zeros(64).toByteArray(),
                "metadata key/value count is 1000", "remaining bytes");
        assertRejected("key-length.gguf", GgufBytes.header(0, 1).u64(HUGE).zeros(64).toByteArray(),
                "length of metadata key #0 is " + HUGE);
        assertRejected("string-length.gguf", oneKey("s", GgufValueType.STRING).u64(HUGE).zeros(64).toByteArray(),
                "length of value of 's' is " + HUGE);
        for (GgufValueType et : GgufValueType.values()) {
            assertRejected("array-" + et + ".gguf",
                    oneKey("a", GgufValueType.ARRAY).u32(et.id()).u64(HUGE).zeros(64).toByteArray(),
                    "array length of 'a' is " + HUGE);
        }
        assertRejected("array-2^31.gguf",
                oneKey("a", GgufValueType.ARRAY).u32(GgufValueType.UINT8.id()).u64(1L << 31).zeros(64).toByteArray(),
                "array length of 'a' is 2147483648", "more than qat4j accepts");
    }

    /**
     * A forged string-array count in a 1 KB file must be rejected before anything is allocated for
     * it: 10^9 references would be 4 GB, Integer.MAX_VALUE - 9 about 8 GB, either an OutOfMemoryError.
     */
    @Test
    void forgedCountsAllocateNothingProportionalToTheCount() {
        for (long n : new long[] {1_000_000_000L, Integer.MAX_VALUE - 9L}) {
            for (GgufValueType et : new GgufValueType[] {GgufValueType.STRING, GgufValueType.ARRAY,
                GgufValueType.BOOL, GgufValueType.UINT64}) {
                var b = oneKey("tokenizer.ggml.tokens", GgufValueType.ARRAY).u32(et.id()).u64(n);
                assertParsingAllocatesLittle(filledWith0xFF(b, 1024), et + " array of declared length " + n);
            }
        }
        assertParsingAllocatesLittle(filledWith0xFF(GgufBytes.header(Integer.MAX_VALUE - 9L, 0), 1024),
                "tensor count " + (Integer.MAX_VALUE - 9L));
    }

    /**
     * In a big file a forged count can pass the "fits in the remaining bytes" test (16 MB hold two
     * million string lengths) while the very first element is corrupt: nothing may be reserved for
     * the count before elements are actually parsed.
     */
    @Test
    void plausibleForgedCountsInABigFileAllocateLittle() {
        int size = 16 << 20;
        for (GgufValueType et : new GgufValueType[] {GgufValueType.STRING, GgufValueType.ARRAY}) {
            var b = oneKey("k", GgufValueType.ARRAY).u32(et.id());
            long n = (size - b.size() - 8) / et.minBytes();
            assertParsingAllocatesLittle(filledWith0xFF(b.u64(n), size), et + " array of declared length " + n);
        }
        long tensors = (size - 24) / 32;
        assertParsingAllocatesLittle(filledWith0xFF(GgufBytes.header(tensors, 0), size), "tensor count " + tensors);
    }

    /** Pads the image with 0xFF bytes, which no length, type id or bool accepts, to {@code size}. */
    private static byte[] filledWith0xFF(GgufBytes b, int size) {
        int used = b.size();
        byte[] bytes = b.zeros(size - used).toByteArray();
        Arrays.fill(bytes, used, bytes.length, (byte) 0xFF);
        return bytes;
    }

    private static void assertParsingAllocatesLittle(byte[] image, String what) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        MemorySegment seg = MemorySegment.ofArray(image);
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> GgufReader.parse("forged.gguf", seg, null)).as(what)
                .isInstanceOf(GgufFormatException.class).hasMessageStartingWith("forged.gguf: ");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while rejecting a %s", what).isLessThan(256 * 1024);
    }

    @Test
    void unknownValueTypes() throws IOException {
        assertRejected("type-13.gguf", GgufBytes.header(0, 1).string("k").u32(13).zeros(16).toByteArray(),
                "metadata key 'k' has unknown value type 13");
        assertRejected("type-max.gguf", GgufBytes.header(0, 1).string("k").u32(0xFFFF_FFFFL).zeros(16).toByteArray(),
                "unknown value type 4294967295");
        assertRejected("array-type-99.gguf", oneKey("k", GgufValueType.ARRAY).u32(99).u64(1).zeros(16).toByteArray(),
                "'k' is an array of unknown type 99");
    }

    @Test
    void deeplyNestedArrays() throws IOException {
        assertRejected("nest-9.gguf", nested(9).toByteArray(), "'deep' nests arrays deeper than 8");
        // A forged nest thousands deep fails at the limit, not with a StackOverflowError.
        assertRejected("nest-100000.gguf", nested(100_000).toByteArray(), "deeper than 8");
        Path ok = dir.resolve("nest-8.gguf");
        Files.write(ok, nested(8).toByteArray());
        try (GgufFile f = GgufReader.open(ok)) {
            GgufArray a = f.metadata().getArray("deep");
            for (int level = 1; level < 8; level++) {
                a = ((GgufArray[]) a.elements())[0];
            }
            assertThat(a.elementType()).isEqualTo(GgufValueType.INT32);
            assertThat(a.longAt(0)).isEqualTo(42);
        }
    }

    /** Arrays nested {@code depth} deep, each holding one element, innermost one INT32 42. */
    private static GgufBytes nested(int depth) {
        var b = oneKey("deep", GgufValueType.ARRAY);
        for (int level = 1; level < depth; level++) {
            b.u32(GgufValueType.ARRAY.id()).u64(1);
        }
        return b.u32(GgufValueType.INT32.id()).u64(1).u32(42);
    }

    @Test
    void duplicates() throws IOException {
        assertRejected("dup-key.gguf", GgufBytes.header(0, 2).key("k", GgufValueType.UINT8).u8(1)
                .key("k", GgufValueType.UINT8).u8(2).toByteArray(), "metadata key 'k' appears twice");
        assertRejected("dup-tensor.gguf", GgufBytes.header(2, 0).tensor("w", new long[] {8}, F32, 0)
                .tensor("w", new long[] {8}, F32, 32).padTo(32).zeros(64).toByteArray(), "tensor 'w' appears twice");
    }

    @Test
    void boolsMustBeZeroOrOne() throws IOException {
        assertRejected("bool-2.gguf", oneKey("b", GgufValueType.BOOL).u8(2).toByteArray(),
                "value of 'b' is a bool with byte value 2");
        assertRejected("bool-array.gguf", oneKey("b", GgufValueType.ARRAY).u32(GgufValueType.BOOL.id()).u64(3)
                .u8(1).u8(0).u8(255).toByteArray(), "array 'b' is a bool with byte value 255");
    }

    @Test
    void badAlignment() throws IOException {
        assertRejected("align-type.gguf", oneKey("general.alignment", GgufValueType.UINT64).u64(32).toByteArray(),
                "general.alignment must be a uint32");
        for (long a : new long[] {0, 3, 48, 1L << 21, 0x8000_0000L}) {
            assertRejected("align-" + a + ".gguf", oneKey("general.alignment", GgufValueType.UINT32).u32(a)
                    .toByteArray(), "general.alignment " + a + " is not a power of two");
        }
    }

    @Test
    void badDimensionCounts() throws IOException {
        for (long n : new long[] {0, 5, 0xFFFF_FFFFL}) {
            byte[] b = GgufBytes.header(1, 0).string("w").u32(n).zeros(64).toByteArray();
            assertRejected("ndims-" + n + ".gguf", b, "tensor 'w' has " + n + " dimensions", "1 to 4");
        }
    }

    @Test
    void badDimensions() throws IOException {
        assertRejected("dim-zero.gguf", oneTensor(new long[] {8, 0}, F32, 0, 32), "tensor 'w' dimension 1 is 0");
        assertRejected("dim-negative.gguf", oneTensor(new long[] {-8}, F32, 0, 32),
                "tensor 'w' dimension 0 is 18446744073709551608", "must be positive");
        assertRejected("dim-huge.gguf", oneTensor(new long[] {1L << 40}, F32, 0, 32),
                "tensor 'w' needs 4398046511104 bytes, more than the whole file");
        assertRejected("bytes-overflow.gguf", oneTensor(new long[] {HUGE}, F32, 0, 32),
                "tensor 'w' byte size overflows");
        assertRejected("count-overflow.gguf", oneTensor(new long[] {1L << 32, 1L << 32}, F32, 0, 32),
                "tensor 'w' element count overflows");
        assertRejected("count-overflow-4d.gguf", oneTensor(new long[] {1 << 20, 1 << 20, 1 << 20, 1 << 20}, F32, 0, 32),
                "element count overflows");
        assertRejected("row-length.gguf", oneTensor(new long[] {48}, GgmlType.Q4_0.id(), 0, 64),
                "tensor 'w' row length 48 is not a multiple of the Q4_0 block size 32");
    }

    @Test
    void unknownTensorTypes() throws IOException {
        for (long id : new long[] {4, 5, 31, 64, 0x8000_0000L, 0xFFFF_FFFFL}) {
            assertRejected("type-" + id + ".gguf", oneTensor(new long[] {32}, id, 0, 128),
                    "tensor 'w' has unknown type id " + id);
        }
    }

    @Test
    void badOffsets() throws IOException {
        assertRejected("offset-past-end.gguf", oneTensor(new long[] {8}, F32, 1 << 20, 32),
                "tensor 'w' data offset 1048576 is past the end of the file");
        assertRejected("offset-negative.gguf", oneTensor(new long[] {8}, F32, -32, 32),
                "data offset 18446744073709551584 is past the end");
        assertRejected("offset-misaligned.gguf", oneTensor(new long[] {8}, F32, 4, 64),
                "tensor 'w' data offset 4 is not a multiple of the alignment 32");
        assertRejected("data-past-end.gguf", oneTensor(new long[] {16}, F32, 32, 64),
                "tensor 'w' data [", "extends past the end of the file");
        // The header itself ends past where the data section would start.
        byte[] noData = GgufBytes.header(1, 0).tensor("w", new long[] {1}, F32, 0).toByteArray();
        assertRejected("no-data.gguf", noData, "tensor data section starts at byte 64", "truncated");
    }

    @Test
    void directoriesSpecialFilesAndMissingFiles() throws Exception {
        assertThatThrownBy(() -> GgufReader.open(dir)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("is a directory");
        Path missing = dir.resolve("missing.gguf");
        assertThatThrownBy(() -> GgufReader.open(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.gguf");
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertThatThrownBy(() -> GgufReader.open(devNull)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("/dev/null").hasMessageContaining("not a regular file");
        }
        Path fifo = dir.resolve("pipe.gguf");
        if (makeFifo(fifo)) {
            // Opening a FIFO for reading would block until a writer appears.
            assertThatCode(() -> assertThatThrownBy(() -> GgufReader.open(fifo))
                    .isInstanceOf(GgufFormatException.class).hasMessageContaining("not a regular file"))
                    .doesNotThrowAnyException();
        }
    }

    private static boolean makeFifo(Path p) {
        try {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Every prefix of a small file: those that cut into the header or any tensor's data are
     * rejected; only the trailing padding after the last tensor may be missing.
     */
    @Test
    void everyTruncationOfASmallFileIsRejected() throws Exception {
        Path p = dir.resolve("small.gguf");
        GgufMutationProperties.smallValidFile().write(p);
        byte[] whole = Files.readAllBytes(p);
        MemorySegment seg = MemorySegment.ofArray(whole);
        GgufFile complete = GgufReader.parse("small.gguf", seg, null);
        assertThat(complete.tensors()).hasSize(4);
        TensorInfo last = complete.tensors().lastEntry().getValue();
        long dataEnd = complete.dataStart() + last.offset() + last.byteSize();
        assertThat(dataEnd).isLessThan(whole.length);
        for (int len = 0; len < dataEnd; len++) {
            assertTruncationRejected(seg, len);
        }
        for (long len = dataEnd; len <= whole.length; len++) {
            assertThat(GgufReader.parse("small.gguf", seg.asSlice(0, len), null).tensors()).hasSize(4);
        }
    }

    /**
     * Every prefix through the first KB of the header and around the end of the tensor infos, every
     * 11th in between (parsing the 329-token vocabulary again for each prefix would be slow), then a
     * sample of the tensor data region.
     */
    @Test
    void truncatedGoldenFileIsRejected() throws Exception {
        byte[] whole = Files.readAllBytes(TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf"));
        MemorySegment seg = MemorySegment.ofArray(whole);
        long dataStart = GgufReader.parse("q4_0", seg, null).dataStart();
        int checked = 0;
        for (long len = 0; len < whole.length; len += truncationStep(len, dataStart)) {
            assertTruncationRejected(seg, len);
            checked++;
        }
        assertThat(checked).isGreaterThan(2500);
        assertThatThrownBy(() -> GgufReader.parse("cut.gguf", seg.asSlice(0, whole.length - 1), null))
                .hasMessageContaining("extends past the end of the file");
    }

    /** A plain loop-friendly check (AssertJ per prefix would dominate the run time). */
    private static void assertTruncationRejected(MemorySegment whole, long len) {
        String name = "cut-" + len + ".gguf";
        try {
            GgufReader.parse(name, whole.asSlice(0, len), null);
        } catch (GgufFormatException e) {
            if (!e.getMessage().startsWith(name + ": ")) {
                throw new AssertionError("prefix of " + len + " bytes: message does not name the file: " + e.getMessage());
            }
            return;
        }
        throw new AssertionError("a prefix of " + len + " bytes was accepted");
    }

    private static long truncationStep(long len, long dataStart) {
        if (len < 1024 || (len > dataStart - 512 && len < dataStart + 64)) {
            return 1;
        }
        return len < dataStart ? 11 : 997;
    }
}
