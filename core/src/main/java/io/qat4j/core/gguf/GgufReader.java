package io.qat4j.core.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF file by memory-mapping it: the header is parsed into Java objects, tensor data stays
 * in the mapping.
 *
 * <p>Every count and length read from the file is checked against the bytes that remain before
 * anything is allocated, so a hostile or truncated file fails with a {@link GgufFormatException}
 * naming the file and the field, never with an OutOfMemoryError.
 */
public final class GgufReader {
    public static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final int MAX_DIMS = 4;
    /** Nested arrays deeper than this are rejected (ggml writes none; a deep nest is an attack). */
    public static final int MAX_ARRAY_DEPTH = 8;
    /** The largest {@code general.alignment} accepted (ggml writes 32; anything huge is corruption). */
    public static final int MAX_ALIGNMENT = 1 << 20;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GgufReader() {}

    /** Opens and maps {@code path}; the returned file must be closed to unmap it. */
    public static GgufFile open(Path path) throws IOException {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new GgufFormatException(name + ": is a directory, not a GGUF file");
        }
        if (!Files.isRegularFile(path)) {
            // A FIFO would block the open below forever; a device has no meaningful size.
            throw new GgufFormatException(name + ": is not a regular file, so it cannot be a GGUF file");
        }
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            GgufFile file = parse(name, seg, arena);
            return file;
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Parses a GGUF image held in memory (tests, or a file already mapped by the caller). */
    public static GgufFile parse(String name, MemorySegment seg, Arena owner) throws GgufFormatException {
        return new Parser(name, seg).parse(owner);
    }

    private static final class Parser {
        final String file;
        final MemorySegment seg;
        final long size;
        long pos;

        Parser(String file, MemorySegment seg) {
            this.file = file;
            this.seg = seg;
            this.size = seg.byteSize();
        }

        GgufFile parse(Arena owner) throws GgufFormatException {
            if (size < 4) {
                throw fail("file is " + size + " bytes long, too short to be GGUF (truncated or empty)");
            }
            int magic = seg.get(U32, 0);
            if (magic != MAGIC) {
                throw fail(String.format("not a GGUF file (magic bytes are %s, expected \"GGUF\")", magicText()));
            }
            pos = 4;
            need(4, "version");
            int version = seg.get(U32, pos);
            pos += 4;
            if (version != 2 && version != 3) {
                int swapped = Integer.reverseBytes(version);
                String hint = swapped == 2 || swapped == 3
                        ? "; it looks like a big-endian GGUF, and qat4j reads little-endian files only" : "";
                throw fail("unsupported GGUF version " + Integer.toUnsignedString(version)
                        + " (qat4j reads versions 2 and 3)" + hint);
            }
            long tensorCount = u64("tensor count");
            long kvCount = u64("metadata key/value count");
            // Each tensor info takes at least 8 (name length) + 4 (n_dims) + 8 (one dim) + 4 (type) + 8 (offset).
            checkCount(tensorCount, 32, "tensor count");
            // Each key/value takes at least 8 (key length) + 4 (type) + 1 (smallest value).
            checkCount(kvCount, 13, "metadata key/value count");

            Map<String, GgufValue> kv = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = string("metadata key #" + i);
                int typeId = u32("type of metadata key '" + key + "'");
                GgufValueType type = GgufValueType.byId(typeId);
                if (type == null) {
                    throw fail("metadata key '" + key + "' has unknown value type " + Integer.toUnsignedString(typeId));
                }
                GgufValue v = value(type, key, 0);
                if (kv.put(key, v) != null) {
                    throw fail("metadata key '" + key + "' appears twice");
                }
            }
            GgufMetadata metadata = new GgufMetadata(file, kv);

            int alignment = DEFAULT_ALIGNMENT;
            GgufValue align = kv.get("general.alignment");
            if (align != null) {
                if (align.type() != GgufValueType.UINT32) {
                    throw fail("general.alignment must be a uint32, found " + align.type());
                }
                long a = align.asLong();
                if (a == 0 || Long.bitCount(a) != 1 || a > MAX_ALIGNMENT) {
                    throw fail("general.alignment " + a + " is not a power of two up to 1 MiB");
                }
                alignment = (int) a;
            }

            // Grown as infos are parsed, not presized: the count is only known to fit the file, and a
            // big file with a forged count must not reserve gigabytes before failing.
            List<TensorInfo> infos = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (long i = 0; i < tensorCount; i++) {
                TensorInfo t = tensorInfo(i, alignment);
                if (!names.add(t.name())) {
                    throw fail("tensor '" + t.name() + "' appears twice");
                }
                infos.add(t);
            }
            long dataStart = alignUp(pos, alignment);
            if (tensorCount > 0 && dataStart > size) {
                throw fail("tensor data section starts at byte " + dataStart + ", past the end of the file ("
                        + size + " bytes): the file is truncated");
            }
            for (TensorInfo t : infos) {
                long bytes = t.byteSize();
                long end;
                try {
                    end = Math.addExact(Math.addExact(dataStart, t.offset()), bytes);
                } catch (ArithmeticException e) {
                    throw fail("tensor '" + t.name() + "' offset " + t.offset() + " overflows");
                }
                if (end > size) {
                    throw fail("tensor '" + t.name() + "' data [" + (dataStart + t.offset()) + ", " + end
                            + ") extends past the end of the file (" + size + " bytes): the file is truncated"
                            + " or the offset is wrong");
                }
            }
            return new GgufFile(file, version, metadata, infos, alignment, dataStart, seg, owner);
        }

        TensorInfo tensorInfo(long index, int alignment) throws GgufFormatException {
            String name = string("name of tensor #" + index);
            int nDims = u32("dimension count of tensor '" + name + "'");
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw fail("tensor '" + name + "' has " + Integer.toUnsignedString(nDims)
                        + " dimensions (GGUF allows 1 to " + MAX_DIMS + ")");
            }
            long[] ne = new long[nDims];
            long count = 1;
            for (int d = 0; d < nDims; d++) {
                ne[d] = u64("dimension " + d + " of tensor '" + name + "'");
                if (ne[d] <= 0) {
                    throw fail("tensor '" + name + "' dimension " + d + " is " + Long.toUnsignedString(ne[d])
                            + " (must be positive and below 2^63)");
                }
                try {
                    count = Math.multiplyExact(count, ne[d]);
                } catch (ArithmeticException e) {
                    throw fail("tensor '" + name + "' element count overflows 64 bits");
                }
            }
            int typeId = u32("type of tensor '" + name + "'");
            GgmlType type = GgmlType.byId(Integer.toUnsignedLong(typeId));
            if (type == null) {
                throw fail("tensor '" + name + "' has unknown type id " + Integer.toUnsignedString(typeId));
            }
            if (ne[0] % type.blockSize() != 0) {
                throw fail("tensor '" + name + "' row length " + ne[0] + " is not a multiple of the "
                        + type + " block size " + type.blockSize());
            }
            long bytes;
            try {
                bytes = type.bytesFor(count);
            } catch (ArithmeticException e) {
                throw fail("tensor '" + name + "' byte size overflows 64 bits");
            }
            if (bytes > size) {
                throw fail("tensor '" + name + "' needs " + bytes + " bytes, more than the whole file ("
                        + size + " bytes)");
            }
            long offset = u64("data offset of tensor '" + name + "'");
            if (offset < 0 || offset > size) {
                throw fail("tensor '" + name + "' data offset " + Long.toUnsignedString(offset)
                        + " is past the end of the file (" + size + " bytes): the file is truncated or corrupt");
            }
            if (offset % alignment != 0) {
                throw fail("tensor '" + name + "' data offset " + offset + " is not a multiple of the alignment "
                        + alignment);
            }
            return new TensorInfo(name, ne, type, offset);
        }

        GgufValue value(GgufValueType type, String key, int depth) throws GgufFormatException {
            String what = "value of '" + key + "'";
            return switch (type) {
                case UINT8, INT8 -> new GgufValue(type, seg.get(ValueLayout.JAVA_BYTE, advance(1, what)));
                case UINT16, INT16 -> new GgufValue(type, seg.get(U16, advance(2, what)));
                case UINT32, INT32 -> new GgufValue(type, seg.get(U32, advance(4, what)));
                case UINT64, INT64 -> new GgufValue(type, seg.get(U64, advance(8, what)));
                case FLOAT32 -> new GgufValue(type, seg.get(F32, advance(4, what)));
                case FLOAT64 -> new GgufValue(type, seg.get(F64, advance(8, what)));
                case BOOL -> new GgufValue(type, bool(what));
                case STRING -> new GgufValue(type, string(what));
                case ARRAY -> new GgufValue(type, array(key, depth + 1));
            };
        }

        GgufArray array(String key, int depth) throws GgufFormatException {
            if (depth > MAX_ARRAY_DEPTH) {
                throw fail("metadata key '" + key + "' nests arrays deeper than " + MAX_ARRAY_DEPTH);
            }
            int typeId = u32("array element type of '" + key + "'");
            GgufValueType et = GgufValueType.byId(typeId);
            if (et == null) {
                throw fail("metadata key '" + key + "' is an array of unknown type " + Integer.toUnsignedString(typeId));
            }
            long n = u64("array length of '" + key + "'");
            checkCount(n, et.minBytes(), "array length of '" + key + "'");
            int len = (int) n;
            String what = "array '" + key + "'";
            switch (et) {
                case UINT8, INT8 -> {
                    long at = advance(len, what);
                    return new GgufArray(et, seg.asSlice(at, len).toArray(ValueLayout.JAVA_BYTE));
                }
                case UINT16, INT16 -> {
                    long at = advance(2L * len, what);
                    return new GgufArray(et, seg.asSlice(at, 2L * len).toArray(U16));
                }
                case UINT32, INT32 -> {
                    long at = advance(4L * len, what);
                    return new GgufArray(et, seg.asSlice(at, 4L * len).toArray(U32));
                }
                case UINT64, INT64 -> {
                    long at = advance(8L * len, what);
                    return new GgufArray(et, seg.asSlice(at, 8L * len).toArray(U64));
                }
                case FLOAT32 -> {
                    long at = advance(4L * len, what);
                    return new GgufArray(et, seg.asSlice(at, 4L * len).toArray(F32));
                }
                case FLOAT64 -> {
                    long at = advance(8L * len, what);
                    return new GgufArray(et, seg.asSlice(at, 8L * len).toArray(F64));
                }
                case BOOL -> {
                    need(len, what);
                    boolean[] b = new boolean[len];
                    for (int i = 0; i < len; i++) {
                        b[i] = bool(what);
                    }
                    return new GgufArray(et, b);
                }
                // Strings and nested arrays are collected as they are parsed: their count is only a
                // lower bound on the bytes they need, so presizing would let a forged count allocate
                // (file size / 8) references before the first element fails.
                case STRING -> {
                    var s = new ArrayList<String>();
                    for (int i = 0; i < len; i++) {
                        s.add(string(what + " element " + i));
                    }
                    return new GgufArray(et, s.toArray(String[]::new));
                }
                case ARRAY -> {
                    var a = new ArrayList<GgufArray>();
                    for (int i = 0; i < len; i++) {
                        a.add(array(key, depth + 1));
                    }
                    return new GgufArray(et, a.toArray(GgufArray[]::new));
                }
                default -> throw new AssertionError(et);
            }
        }

        boolean bool(String what) throws GgufFormatException {
            byte b = seg.get(ValueLayout.JAVA_BYTE, advance(1, what));
            if (b != 0 && b != 1) {
                throw fail(what + " is a bool with byte value " + (b & 0xFF) + " (must be 0 or 1)");
            }
            return b == 1;
        }

        String string(String what) throws GgufFormatException {
            long len = u64("length of " + what);
            if (len < 0 || len > size - pos) {
                throw fail("length of " + what + " is " + Long.toUnsignedString(len) + " bytes, but only "
                        + (size - pos) + " remain (truncated or corrupt)");
            }
            long at = advance(len, what);
            byte[] bytes = seg.asSlice(at, len).toArray(ValueLayout.JAVA_BYTE);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        int u32(String what) throws GgufFormatException {
            return seg.get(U32, advance(4, what));
        }

        long u64(String what) throws GgufFormatException {
            return seg.get(U64, advance(8, what));
        }

        /** Reserves n bytes at the cursor and returns where they start. */
        long advance(long n, String what) throws GgufFormatException {
            need(n, what);
            long at = pos;
            pos += n;
            return at;
        }

        void need(long n, String what) throws GgufFormatException {
            if (n < 0 || n > size - pos) {
                throw fail("unexpected end of file at byte " + pos + " while reading " + what + " (the file is "
                        + size + " bytes: truncated?)");
            }
        }

        void checkCount(long n, int minBytesEach, String what) throws GgufFormatException {
            long remaining = size - pos;
            if (n < 0 || n > Integer.MAX_VALUE - 8) {
                throw fail(what + " is " + Long.toUnsignedString(n) + ", more than qat4j accepts ("
                        + (Integer.MAX_VALUE - 8) + "; corrupt or hostile file)");
            }
            if (n > remaining / Math.max(1, minBytesEach)) {
                throw fail(what + " is " + Long.toUnsignedString(n) + ", more than the " + remaining
                        + " remaining bytes can hold (corrupt or hostile file)");
            }
        }

        String magicText() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                int b = seg.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                sb.append(b >= 0x20 && b < 0x7F ? Character.toString(b) : String.format("\\x%02x", b));
            }
            return "\"" + sb + "\"";
        }

        GgufFormatException fail(String msg) {
            return new GgufFormatException(file + ": " + msg);
        }
    }

    static long alignUp(long x, int alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }
}
