package io.qat4j.core.quant;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A minimal safetensors reader for tests only (8-byte little-endian header length, JSON header,
 * raw little-endian data; offsets count from the end of the header). It reads the golden files of
 * testdata/torch-reference; the production reader lives elsewhere.
 */
record SafetensorsTestFile(Path path, Map<String, Entry> entries, ByteBuffer data) {

    record Entry(String dtype, long[] shape, int begin, int end) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    static SafetensorsTestFile read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buf.getLong(0));
        JsonNode header = new ObjectMapper().readTree(new String(all, 8, headerLength, StandardCharsets.UTF_8));
        var entries = new LinkedHashMap<String, Entry>();
        for (var it = header.properties().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode shapeNode = e.getValue().get("shape");
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            JsonNode offsets = e.getValue().get("data_offsets");
            entries.put(e.getKey(), new Entry(e.getValue().get("dtype").asText(), shape,
                    offsets.get(0).asInt(), offsets.get(1).asInt()));
        }
        ByteBuffer data = buf.slice(8 + headerLength, all.length - 8 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        return new SafetensorsTestFile(path, entries, data);
    }

    Entry entry(String name, String dtype, int bytesPerElement) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new AssertionError(path + ": no tensor '" + name + "'");
        }
        if (!e.dtype().equals(dtype) || (long) (e.end() - e.begin()) != e.elements() * bytesPerElement) {
            throw new AssertionError(path + ": tensor '" + name + "' is " + e.dtype() + " with "
                    + (e.end() - e.begin()) + " bytes, expected " + dtype);
        }
        return e;
    }

    float[] f32(String name) {
        Entry e = entry(name, "F32", 4);
        float[] out = new float[(int) e.elements()];
        data.slice(e.begin(), e.end() - e.begin()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Raw fp16 bit patterns. */
    short[] f16Bits(String name) {
        Entry e = entry(name, "F16", 2);
        short[] out = new short[(int) e.elements()];
        data.slice(e.begin(), e.end() - e.begin()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** U8 or I8 values as bytes. */
    byte[] bytes(String name, String dtype) {
        Entry e = entry(name, dtype, 1);
        byte[] out = new byte[(int) e.elements()];
        data.slice(e.begin(), e.end() - e.begin()).get(out);
        return out;
    }

    long[] shape(String name) {
        return entries.get(name).shape().clone();
    }
}
