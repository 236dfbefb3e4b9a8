package io.qat4j.core.gguf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * An open, memory-mapped GGUF file. Tensor data is served as slices of the mapping: no weights are
 * copied to the heap. Closing unmaps the file; a slice used after that throws IllegalStateException.
 */
public final class GgufFile implements AutoCloseable {
    private final String name;
    private final int version;
    private final GgufMetadata metadata;
    private final SequencedMap<String, TensorInfo> tensors;
    private final int alignment;
    private final long dataStart;
    private final MemorySegment mapping;
    private final Arena arena;

    GgufFile(String name, int version, GgufMetadata metadata, List<TensorInfo> tensors, int alignment,
            long dataStart, MemorySegment mapping, Arena arena) {
        this.name = name;
        this.version = version;
        this.metadata = metadata;
        var map = new LinkedHashMap<String, TensorInfo>();
        for (TensorInfo t : tensors) {
            map.put(t.name(), t);
        }
        this.tensors = Collections.unmodifiableSequencedMap(map);
        this.alignment = alignment;
        this.dataStart = dataStart;
        this.mapping = mapping;
        this.arena = arena;
    }

    /** The path or name the file was opened as. */
    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    /** Tensor infos in file order, by name. */
    public SequencedMap<String, TensorInfo> tensors() {
        return tensors;
    }

    public boolean hasTensor(String tensorName) {
        return tensors.containsKey(tensorName);
    }

    public TensorInfo tensor(String tensorName) {
        TensorInfo t = tensors.get(tensorName);
        if (t == null) {
            throw new IllegalArgumentException(name + ": tensor '" + tensorName + "' is missing");
        }
        return t;
    }

    /**
     * The tensor's bytes, a read-only slice of the mapping.
     *
     * @throws IllegalStateException once the file is closed (the slice itself also becomes unusable then)
     */
    public MemorySegment data(TensorInfo t) {
        if (!mapping.scope().isAlive()) {
            throw new IllegalStateException(name + ": the file is closed; tensor '" + t.name() + "' is no longer mapped");
        }
        return mapping.asSlice(dataStart + t.offset(), t.byteSize());
    }

    public MemorySegment data(String tensorName) {
        return data(tensor(tensorName));
    }

    public int alignment() {
        return alignment;
    }

    /** Byte offset of the tensor data section. */
    public long dataStart() {
        return dataStart;
    }

    public long fileSize() {
        return mapping.byteSize();
    }

    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
