package io.qat4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufValue;
import io.qat4j.core.gguf.TensorInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows a GGUF file's metadata and its tensor table (types, shapes, sizes).",
            "Reads only the header: works on any GGUF, even one with tensor types qat4j cannot run."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "the .gguf file")
    Path model;

    @Option(names = "--json", description = "print JSON instead of tables")
    boolean json;

    @Option(names = "--full-arrays", description = "print whole metadata arrays (a vocabulary can be 262,144 entries)")
    boolean fullArrays;

    @Override
    public Integer call() throws Exception {
        try (GgufFile f = GgufReader.open(model)) {
            if (json) {
                printJson(f);
            } else {
                printTables(f);
            }
        }
        return 0;
    }

    private void printTables(GgufFile f) {
        var out = System.out;
        out.printf("%s: GGUF v%d, %s bytes, %d metadata keys, %d tensors, alignment %d%n", f.name(), f.version(),
                String.format("%,d", f.fileSize()), f.metadata().entries().size(), f.tensors().size(), f.alignment());
        out.println();
        out.println("metadata:");
        int width = f.metadata().entries().keySet().stream().mapToInt(String::length).max().orElse(10);
        f.metadata().entries().forEach((k, v) -> out.printf("  %-" + width + "s  %s%n", k, render(v)));
        out.println();
        out.println("tensors:");
        int nameWidth = f.tensors().keySet().stream().mapToInt(String::length).max().orElse(10);
        out.printf("  %-" + nameWidth + "s  %-6s  %-22s  %14s%n", "name", "type", "shape (ne0 first)", "bytes");
        long total = 0;
        Map<String, Long> byType = new LinkedHashMap<>();
        for (TensorInfo t : f.tensors().values()) {
            out.printf("  %-" + nameWidth + "s  %-6s  %-22s  %,14d%n", t.name(), t.type(), shape(t), t.byteSize());
            total += t.byteSize();
            byType.merge(t.type().name(), t.byteSize(), Long::sum);
        }
        out.printf("%n  %,d bytes of tensor data (%s)%n", total, byType);
    }

    private String render(GgufValue v) {
        if (v.value() instanceof GgufArray a && !fullArrays && a.length() > 8) {
            return a.toString();
        }
        if (v.value() instanceof GgufArray a) {
            return arrayToString(a);
        }
        if (v.value() instanceof String s) {
            return s.length() > 200 && !fullArrays ? '"' + s.substring(0, 200).replace("\n", "\\n") + "…\" ("
                    + s.length() + " chars)" : '"' + s.replace("\n", "\\n") + '"';
        }
        return v.type().name().toLowerCase() + " " + (v.isInteger() ? Long.toUnsignedString(v.asLong()) : v.value());
    }

    private static String arrayToString(GgufArray a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length(); i++) {
            sb.append(i == 0 ? "" : ", ").append(java.lang.reflect.Array.get(a.elements(), i));
        }
        return sb.append(']').toString();
    }

    private static String shape(TensorInfo t) {
        return java.util.Arrays.toString(t.ne());
    }

    private void printJson(GgufFile f) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", f.name());
        root.put("version", f.version());
        root.put("file_bytes", f.fileSize());
        root.put("alignment", f.alignment());
        Map<String, Object> md = new LinkedHashMap<>();
        f.metadata().entries().forEach((k, v) -> md.put(k, jsonValue(v)));
        root.put("metadata", md);
        root.put("tensors", f.tensors().values().stream().map(t -> Map.of(
                "name", t.name(), "type", t.type().name(), "ne", t.ne(), "offset", t.offset(),
                "bytes", t.byteSize())).toList());
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    }

    private Object jsonValue(GgufValue v) {
        if (v.value() instanceof GgufArray a) {
            if (!fullArrays && a.length() > 8) {
                return Map.of("type", a.elementType().name().toLowerCase(), "length", a.length());
            }
            return a.elements();
        }
        if (v.isInteger()) {
            return v.type().name().startsWith("U") && v.asLong() < 0 ? Long.toUnsignedString(v.asLong()) : v.asLong();
        }
        return v.value();
    }

}
