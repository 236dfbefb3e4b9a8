package io.qat4j.core.safetensors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import io.qat4j.core.quant.BF16Codec;

/**
 * An open, memory-mapped safetensors file: the JSON header parsed into {@link SafetensorsEntry}s,
 * tensor data served as slices of the mapping. Closing unmaps it.
 *
 * <p>Format: an 8-byte little-endian header length N, N bytes of JSON
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}}} with an optional
 * {@code "__metadata__"} string map, then the data; offsets count from the first byte after the
 * header and must tile the data section exactly (no overlap, no hole).
 */
public final class SafetensorsFile implements AutoCloseable {
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble LE_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final Map<String, String> metadata;
    private final SequencedMap<String, SafetensorsEntry> entries;
    private final MemorySegment data;
    private final Arena arena;

    SafetensorsFile(String name, Map<String, String> metadata, List<SafetensorsEntry> entries, MemorySegment data,
            Arena arena) {
        this.name = name;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        var map = new LinkedHashMap<String, SafetensorsEntry>();
        entries.forEach(e -> map.put(e.name(), e));
        this.entries = Collections.unmodifiableSequencedMap(map);
        this.data = data;
        this.arena = arena;
    }

    /** Opens and maps {@code path}; close the result to unmap it. */
    public static SafetensorsFile open(Path path) throws IOException {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new NoSuchFileException(name, null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new SafetensorsFormatException(name + ": is a directory, not a safetensors file");
        }
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return SafetensorsHeaderParser.parse(name, seg, arena);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Parses a safetensors image held in memory. */
    public static SafetensorsFile parse(String name, MemorySegment image) throws SafetensorsFormatException {
        return SafetensorsHeaderParser.parse(name, image, null);
    }

    public String name() {
        return name;
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensors in header order. */
    public SequencedMap<String, SafetensorsEntry> entries() {
        return entries;
    }

    public boolean has(String tensor) {
        return entries.containsKey(tensor);
    }

    public SafetensorsEntry entry(String tensor) {
        SafetensorsEntry e = entries.get(tensor);
        if (e == null) {
            throw new IllegalArgumentException(name + ": tensor '" + tensor + "' is missing");
        }
        return e;
    }

    /** The raw little-endian bytes of a tensor (a slice of the mapping). */
    public MemorySegment bytes(String tensor) {
        SafetensorsEntry e = entry(tensor);
        return data.asSlice(e.begin(), e.byteSize());
    }

    /** A floating-point tensor (F64, F32, F16 or BF16) converted to float32. */
    public float[] floats(String tensor) {
        SafetensorsEntry e = entry(tensor);
        MemorySegment s = bytes(tensor);
        int n = count(e);
        float[] out = new float[n];
        switch (e.dtype()) {
            case F32 -> MemorySegment.copy(s, LE_FLOAT, 0, out, 0, n);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) s.getAtIndex(LE_DOUBLE, i);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(s.getAtIndex(LE_SHORT, i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = BF16Codec.toFloat(s.getAtIndex(LE_SHORT, i));
                }
            }
            default -> throw notA(e, "floating-point");
        }
        return out;
    }

    /** A floating-point tensor converted to float64 (exact for every type). */
    public double[] doubles(String tensor) {
        SafetensorsEntry e = entry(tensor);
        if (e.dtype() == SafetensorsDType.F64) {
            double[] out = new double[count(e)];
            MemorySegment.copy(bytes(tensor), LE_DOUBLE, 0, out, 0, out.length);
            return out;
        }
        float[] f = floats(tensor);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** An integer tensor (I64, I32, U8 or I8) widened to long. */
    public long[] longs(String tensor) {
        SafetensorsEntry e = entry(tensor);
        MemorySegment s = bytes(tensor);
        int n = count(e);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (e.dtype()) {
                case I64 -> s.getAtIndex(LE_LONG, i);
                case I32 -> s.getAtIndex(LE_INT, i);
                case U8 -> Byte.toUnsignedLong(s.get(ValueLayout.JAVA_BYTE, i));
                case I8 -> s.get(ValueLayout.JAVA_BYTE, i);
                default -> throw notA(e, "integer");
            };
        }
        return out;
    }

    /** An integer tensor as ints; values outside the int range are an error naming the tensor. */
    public int[] ints(String tensor) {
        long[] l = longs(tensor);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) {
                throw new IllegalArgumentException(name + ": tensor '" + tensor + "' element " + i + " (" + l[i]
                        + ") does not fit in an int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    private int count(SafetensorsEntry e) {
        long n = e.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": tensor '" + e.name() + "' has " + n
                    + " elements, too many for one Java array");
        }
        return (int) n;
    }

    private IllegalArgumentException notA(SafetensorsEntry e, String kind) {
        return new IllegalArgumentException(name + ": tensor '" + e.name() + "' is " + e.dtype() + ", not a " + kind
                + " type");
    }

    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
