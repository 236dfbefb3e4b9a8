package io.qat4j.core.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qat4j.core.io.AtomicFiles;

/**
 * Builds a GGUF v3 file. Tensor data is produced lazily, one tensor at a time, so a quantizer can
 * convert a model larger than the heap. {@link #write(Path)} is atomic: the destination is either
 * the complete new file or untouched.
 */
public final class GgufWriter {
    /** ggml rejects tensor names of 64 bytes or more. */
    public static final int MAX_NAME_BYTES = 63;
    private static final String ALIGNMENT_KEY = "general.alignment";
    /** Tensor bytes are copied through a buffer of this size when they cannot be viewed as a ByteBuffer. */
    private static final int COPY_CHUNK = 1 << 20;

    /** Produces a tensor's bytes when the writer reaches it. */
    @FunctionalInterface
    public interface TensorData {
        MemorySegment bytes() throws IOException;
    }

    private record Pending(TensorInfo info, TensorData data) {}

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<Pending> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int alignment = GgufReader.DEFAULT_ALIGNMENT;
    private long nextOffset;

    public GgufWriter put(String key, GgufValue value) {
        if (key.equals(ALIGNMENT_KEY)) {
            if (value.type() != GgufValueType.UINT32 || value.asLong() == 0 || Long.bitCount(value.asLong()) != 1
                    || value.asLong() > GgufReader.MAX_ALIGNMENT) {
                throw new IllegalArgumentException(ALIGNMENT_KEY + " must be a uint32 power of two up to "
                        + GgufReader.MAX_ALIGNMENT + ", got " + value);
            }
            setAlignment((int) value.asLong());
        }
        metadata.put(key, value);
        return this;
    }

    /** Tensor offsets are laid out as tensors are added, so the alignment cannot change after that. */
    private void setAlignment(int newAlignment) {
        if (newAlignment != alignment && !tensors.isEmpty()) {
            throw new IllegalStateException("set " + ALIGNMENT_KEY + " before adding tensors");
        }
        alignment = newAlignment;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValue.ofString(value));
    }

    public GgufWriter putUint32(String key, long value) {
        return put(key, GgufValue.ofUint32(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValue.ofFloat32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValue.ofBool(value));
    }

    public GgufWriter putArray(String key, GgufArray value) {
        return put(key, GgufValue.ofArray(value));
    }

    /** Copies every metadata entry of another file (e.g. when re-quantizing it). */
    public GgufWriter putAll(GgufMetadata source) {
        source.entries().forEach(this::put);
        return this;
    }

    public GgufWriter remove(String key) {
        if (key.equals(ALIGNMENT_KEY)) {
            setAlignment(GgufReader.DEFAULT_ALIGNMENT); // a reader without the key assumes the default
        }
        metadata.remove(key);
        return this;
    }

    /** Adds a tensor whose bytes (in {@code type}'s block layout) are produced when written. */
    public GgufWriter addTensor(String name, GgmlType type, long[] ne, TensorData data) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name '" + name + "' is longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        if (ne.length < 1 || ne.length > GgufReader.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' must have 1 to 4 dimensions");
        }
        for (int d = 0; d < ne.length; d++) {
            if (ne[d] <= 0) {
                throw new IllegalArgumentException("tensor '" + name + "' dimension " + d + " is " + ne[d]
                        + "; dimensions must be positive");
            }
        }
        TensorInfo info = new TensorInfo(name, ne, type, nextOffset);
        if (ne[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' row length " + ne[0]
                    + " is not a multiple of the " + type + " block size " + type.blockSize());
        }
        try {
            info.byteSize();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "' with dimensions " + Arrays.toString(ne)
                    + " is too large: its size overflows 64 bits", e);
        }
        nextOffset = GgufReader.alignUp(nextOffset + info.byteSize(), alignment);
        tensors.add(new Pending(info, data));
        return this;
    }

    /** Adds a tensor whose bytes are already at hand. */
    public GgufWriter addTensor(String name, GgmlType type, long[] ne, MemorySegment bytes) {
        return addTensor(name, type, ne, () -> bytes);
    }

    /** The size the file will have. */
    public long fileSize() {
        return GgufReader.alignUp(headerBytes().capacity(), alignment) + nextOffset;
    }

    /** Writes the file atomically (temporary file, fsync, rename). */
    public void write(Path dest) throws IOException {
        ByteBuffer header = headerBytes();
        long total = GgufReader.alignUp(header.capacity(), alignment) + nextOffset;
        AtomicFiles.write(dest, total, ch -> writeTo(ch, header, dest));
    }

    private void writeTo(FileChannel ch, ByteBuffer header, Path dest) throws IOException {
        writeFully(ch, header);
        pad(ch, GgufReader.alignUp(header.capacity(), alignment) - header.capacity());
        long written = 0;
        for (Pending p : tensors) {
            pad(ch, p.info.offset() - written);
            MemorySegment bytes = p.data.bytes();
            long expect = p.info.byteSize();
            if (bytes.byteSize() != expect) {
                throw new IllegalStateException(dest + ": tensor '" + p.info.name() + "' produced "
                        + bytes.byteSize() + " bytes, its " + p.info.type() + " shape needs " + expect);
            }
            writeSegment(ch, bytes);
            written = p.info.offset() + expect;
        }
        pad(ch, nextOffset - written);
    }

    private ByteBuffer headerBytes() {
        var out = new HeaderBuilder();
        out.u32(GgufReader.MAGIC);
        out.u32(3);
        out.u64(tensors.size());
        out.u64(metadata.size());
        metadata.forEach((k, v) -> {
            out.string(k);
            out.u32(v.type().id());
            out.value(v);
        });
        for (Pending p : tensors) {
            TensorInfo t = p.info;
            out.string(t.name());
            out.u32(t.nDims());
            for (long d : t.ne()) {
                out.u64(d);
            }
            out.u32(t.type().id());
            out.u64(t.offset());
        }
        return out.finish();
    }

    /**
     * Writes a segment's bytes. Native and byte[]-backed segments are handed to the channel as views;
     * other heap segments (a float[] of F32 weights, say) cannot be viewed as a ByteBuffer, so they
     * go through a small copy buffer.
     */
    private static void writeSegment(FileChannel ch, MemorySegment bytes) throws IOException {
        boolean viewable = bytes.heapBase().map(base -> base instanceof byte[]).orElse(true);
        ByteBuffer chunk = viewable ? null : ByteBuffer.allocate((int) Math.min(COPY_CHUNK, bytes.byteSize()));
        for (long off = 0; off < bytes.byteSize(); off += COPY_CHUNK) {
            long n = Math.min(COPY_CHUNK, bytes.byteSize() - off);
            if (viewable) {
                writeFully(ch, bytes.asSlice(off, n).asByteBuffer());
            } else {
                chunk.clear().limit((int) n);
                MemorySegment.ofBuffer(chunk).copyFrom(bytes.asSlice(off, n));
                writeFully(ch, chunk);
            }
        }
    }

    private static void pad(FileChannel ch, long n) throws IOException {
        if (n > 0) {
            writeFully(ch, ByteBuffer.allocate((int) n));
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** A growable little-endian buffer for the header. */
    private static final class HeaderBuilder {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(long n) {
            if (buf.remaining() < n) {
                long cap = Math.max((long) buf.capacity() * 2, buf.position() + n);
                if (cap > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("GGUF header larger than 2 GiB");
                }
                ByteBuffer nb = ByteBuffer.allocate((int) cap).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                nb.put(buf);
                buf = nb;
            }
        }

        void u32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void u64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            ensure(b.length);
            buf.put(b);
        }

        void value(GgufValue v) {
            switch (v.type()) {
                case UINT8, INT8 -> { ensure(1); buf.put((Byte) v.value()); }
                case UINT16, INT16 -> { ensure(2); buf.putShort((Short) v.value()); }
                case UINT32, INT32 -> u32((Integer) v.value());
                case UINT64, INT64 -> u64((Long) v.value());
                case FLOAT32 -> { ensure(4); buf.putFloat((Float) v.value()); }
                case FLOAT64 -> { ensure(8); buf.putDouble((Double) v.value()); }
                case BOOL -> { ensure(1); buf.put((byte) (((Boolean) v.value()) ? 1 : 0)); }
                case STRING -> string((String) v.value());
                case ARRAY -> array((GgufArray) v.value());
            }
        }

        void array(GgufArray a) {
            u32(a.elementType().id());
            int n = a.length();
            u64(n);
            Object e = a.elements();
            switch (a.elementType()) {
                case UINT8, INT8 -> { ensure(n); buf.put((byte[]) e); }
                case UINT16, INT16 -> { ensure(2L * n); for (short x : (short[]) e) buf.putShort(x); }
                case UINT32, INT32 -> { ensure(4L * n); for (int x : (int[]) e) buf.putInt(x); }
                case UINT64, INT64 -> { ensure(8L * n); for (long x : (long[]) e) buf.putLong(x); }
                case FLOAT32 -> { ensure(4L * n); for (float x : (float[]) e) buf.putFloat(x); }
                case FLOAT64 -> { ensure(8L * n); for (double x : (double[]) e) buf.putDouble(x); }
                case BOOL -> { ensure(n); for (boolean x : (boolean[]) e) buf.put((byte) (x ? 1 : 0)); }
                case STRING -> { for (String x : (String[]) e) string(x); }
                case ARRAY -> { for (GgufArray x : (GgufArray[]) e) array(x); }
            }
        }

        ByteBuffer finish() {
            buf.flip();
            return buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
