package io.qat4j.core.gguf;

import java.util.Arrays;

/**
 * A tensor's entry in the GGUF header.
 *
 * @param name   the tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param ne     dimensions, fastest-varying first (ne[0] is the row length)
 * @param type   element type
 * @param offset byte offset of its data from the start of the data section
 */
public record TensorInfo(String name, long[] ne, GgmlType type, long offset) {

    public TensorInfo {
        ne = ne.clone();
    }

    @Override
    public long[] ne() {
        return ne.clone();
    }

    public int nDims() {
        return ne.length;
    }

    public long dim(int i) {
        return i < ne.length ? ne[i] : 1;
    }

    public long elementCount() {
        long n = 1;
        for (long d : ne) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteSize() {
        return type.bytesFor(elementCount());
    }

    /** Row length (ne[0]). */
    public long rowLength() {
        return ne[0];
    }

    /** Number of rows (the product of all dims after the first). */
    public long rowCount() {
        return elementCount() / ne[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && Arrays.equals(t.ne, ne)
                && t.type == type && t.offset == offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(ne);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(ne) + " @" + offset;
    }
}
