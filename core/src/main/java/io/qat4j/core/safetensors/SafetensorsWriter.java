package io.qat4j.core.safetensors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.io.AtomicFiles;

/**
 * Builds a safetensors file: tensors are laid out in the order added, the header is padded with
 * spaces to a multiple of 8 bytes, and {@link #write(Path)} is atomic (temporary file, fsync, rename).
 */
public final class SafetensorsWriter {
    private record Pending(String name, SafetensorsDType dtype, long[] shape, MemorySegment bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Pending> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    public SafetensorsWriter putMetadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor from its raw little-endian bytes. */
    public SafetensorsWriter add(String name, SafetensorsDType dtype, long[] shape, MemorySegment bytes) {
        if (name.equals(SafetensorsHeaderParser.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for metadata");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension");
            }
            count = Math.multiplyExact(count, d);
        }
        if (bytes.byteSize() != count * dtype.bytes()) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + bytes.byteSize() + " bytes; shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + count * dtype.bytes());
        }
        tensors.add(new Pending(name, dtype, shape.clone(), bytes));
        return this;
    }

    /** Adds a float32 tensor. */
    public SafetensorsWriter addF32(String name, long[] shape, float[] values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * 4]);
        MemorySegment.copy(values, 0, seg, SafetensorsFile.LE_FLOAT, 0, values.length);
        return add(name, SafetensorsDType.F32, shape, seg);
    }

    /** Adds a float32 tensor from a slice of a larger array. */
    public SafetensorsWriter addF32(String name, long[] shape, float[] values, int offset, int length) {
        MemorySegment seg = MemorySegment.ofArray(new byte[length * 4]);
        MemorySegment.copy(values, offset, seg, SafetensorsFile.LE_FLOAT, 0, length);
        return add(name, SafetensorsDType.F32, shape, seg);
    }

    /** Adds a float64 tensor. */
    public SafetensorsWriter addF64(String name, long[] shape, double[] values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * 8]);
        MemorySegment.copy(values, 0, seg, SafetensorsFile.LE_DOUBLE, 0, values.length);
        return add(name, SafetensorsDType.F64, shape, seg);
    }

    /** Adds an int64 tensor. */
    public SafetensorsWriter addI64(String name, long[] shape, long[] values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[values.length * 8]);
        MemorySegment.copy(values, 0, seg, SafetensorsFile.LE_LONG, 0, values.length);
        return add(name, SafetensorsDType.I64, shape, seg);
    }

    /** The complete file image (header and data). */
    public byte[] toBytes() {
        byte[] header = header();
        long total = 8L + header.length + dataSize();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("safetensors image of " + total + " bytes is too large for memory; use write()");
        }
        byte[] out = new byte[(int) total];
        ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header);
        long at = 8L + header.length;
        MemorySegment dst = MemorySegment.ofArray(out);
        for (Pending p : tensors) {
            MemorySegment.copy(p.bytes, 0, dst, at, p.bytes.byteSize());
            at += p.bytes.byteSize();
        }
        return out;
    }

    /** Writes the file atomically. */
    public void write(Path dest) throws IOException {
        byte[] header = header();
        long total = 8L + header.length + dataSize();
        AtomicFiles.write(dest, total, ch -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            writeFully(ch, len.flip());
            writeFully(ch, ByteBuffer.wrap(header));
            for (Pending p : tensors) {
                MemorySegment b = p.bytes;
                for (long off = 0; off < b.byteSize(); off += 1 << 30) {
                    long n = Math.min(1 << 30, b.byteSize() - off);
                    writeFully(ch, b.asSlice(off, n).asByteBuffer());
                }
            }
        });
    }

    private long dataSize() {
        long n = 0;
        for (Pending p : tensors) {
            n += p.bytes.byteSize();
        }
        return n;
    }

    private byte[] header() {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode md = root.putObject(SafetensorsHeaderParser.METADATA_KEY);
            metadata.forEach(md::put);
        }
        long at = 0;
        for (Pending p : tensors) {
            ObjectNode t = root.putObject(p.name);
            t.put("dtype", p.dtype.name());
            var shape = t.putArray("shape");
            for (long d : p.shape) {
                shape.add(d);
            }
            var off = t.putArray("data_offsets");
            off.add(at);
            off.add(at + p.bytes.byteSize());
            at += p.bytes.byteSize();
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

}
