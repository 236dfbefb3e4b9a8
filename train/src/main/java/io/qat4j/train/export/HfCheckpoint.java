package io.qat4j.train.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.safetensors.SafetensorsEntry;
import io.qat4j.core.safetensors.SafetensorsFile;

/**
 * The weights of a Hugging Face checkpoint folder: {@code model.safetensors}, or the shards that
 * {@code model.safetensors.index.json} maps, or every {@code *.safetensors} file — memory-mapped, read
 * tensor by tensor. Names are looked up after the language model's prefix ({@code model.} for
 * {@code Gemma3ForCausalLM}; {@code language_model.model.} or {@code model.language_model.} for the
 * multimodal checkpoints).
 */
public final class HfCheckpoint implements AutoCloseable {
    private static final String[] PREFIXES = {"model.", "language_model.model.", "model.language_model."};

    private final Path dir;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName;
    private final String prefix;

    private HfCheckpoint(Path dir, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
        this.dir = dir;
        this.files = files;
        this.byName = byName;
        String found = null;
        for (String p : PREFIXES) {
            if (byName.containsKey(p + "embed_tokens.weight")) {
                found = p;
                break;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(dir + ": no embed_tokens.weight under any of the prefixes "
                    + String.join(", ", PREFIXES) + " (not a Gemma 3 checkpoint?)");
        }
        this.prefix = found;
    }

    public static HfCheckpoint open(Path dir) throws IOException {
        List<Path> shards = shardPaths(dir);
        var files = new ArrayList<SafetensorsFile>();
        var byName = new LinkedHashMap<String, SafetensorsFile>();
        try {
            for (Path p : shards) {
                var f = SafetensorsFile.open(p);
                files.add(f);
                for (String name : f.entries().keySet()) {
                    if (byName.putIfAbsent(name, f) != null) {
                        throw new IllegalArgumentException(dir + ": tensor '" + name + "' is in two shards");
                    }
                }
            }
            return new HfCheckpoint(dir, files, byName);
        } catch (IOException | RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static List<Path> shardPaths(Path dir) throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        if (Files.isRegularFile(index)) {
            JsonNode map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
            if (!map.isObject() || map.isEmpty()) {
                throw new IllegalArgumentException(index + ": no weight_map");
            }
            var shards = new java.util.TreeSet<String>();
            for (Iterator<JsonNode> it = map.elements(); it.hasNext(); ) {
                shards.add(it.next().asText());
            }
            return shards.stream().map(dir::resolve).toList();
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no *.safetensors weights in the checkpoint folder");
        }
        return all;
    }

    /** Whether the language model has a tensor of this (prefix-relative) name. */
    public boolean has(String name) {
        return byName.containsKey(prefix + name);
    }

    /** Whether the checkpoint has this exact (full) name, e.g. {@code lm_head.weight}. */
    public boolean hasFull(String fullName) {
        return byName.containsKey(fullName);
    }

    /** The entry of a language-model tensor (prefix-relative name), or of a full name. */
    public SafetensorsEntry entry(String name) {
        return file(name).entry(fullName(name));
    }

    /** A tensor as float32 (F32, F16, BF16 or F64 in the file). */
    public float[] floats(String name) {
        return file(name).floats(fullName(name));
    }

    /** The float type a tensor is stored in, as the ggml type of the same precision. */
    public GgmlType storedType(String name) {
        return switch (entry(name).dtype()) {
            case F32, F64 -> GgmlType.F32;
            case F16 -> GgmlType.F16;
            case BF16 -> GgmlType.BF16;
            default -> throw new IllegalArgumentException(dir + ": tensor '" + fullName(name) + "' has dtype "
                    + entry(name).dtype() + ", not a float type");
        };
    }

    private String fullName(String name) {
        return byName.containsKey(prefix + name) ? prefix + name : name;
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byName.get(fullName(name));
        if (f == null) {
            throw new IllegalArgumentException(dir + ": tensor '" + prefix + name + "' is missing from the checkpoint");
        }
        return f;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
