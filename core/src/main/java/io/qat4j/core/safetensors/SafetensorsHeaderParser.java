package io.qat4j.core.safetensors;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Validates a safetensors header before anything is trusted: every length, shape and offset is
 * checked against the file so that a hostile file fails with a message naming the file and tensor,
 * never with an OutOfMemoryError or a read outside the data.
 */
final class SafetensorsHeaderParser {
    /** The reference implementation caps headers at 100 MB; a bigger one is an attack or corruption. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SafetensorsHeaderParser() {}

    static SafetensorsFile parse(String file, MemorySegment seg, Arena arena) throws SafetensorsFormatException {
        long size = seg.byteSize();
        if (size < 8) {
            throw fail(file, "file is " + size + " bytes long, too short for the 8-byte header length (truncated?)");
        }
        long headerLen = seg.get(SafetensorsFile.LE_LONG, 0);
        if (headerLen < 0 || headerLen > MAX_HEADER_BYTES) {
            throw fail(file, "header length " + Long.toUnsignedString(headerLen) + " is larger than the "
                    + MAX_HEADER_BYTES + "-byte limit (corrupt or hostile file)");
        }
        if (headerLen > size - 8) {
            throw fail(file, "header length " + headerLen + " runs past the end of the file (" + size
                    + " bytes): truncated or corrupt");
        }
        if (headerLen < 2) {
            throw fail(file, "header length " + headerLen + " is too short for a JSON object");
        }
        String text = utf8(file, seg.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE));
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "header must be a JSON object");
        }
        long dataStart = 8 + headerLen;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsEntry> entries = new ArrayList<>();
        for (var it = root.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(entry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkTiling(file, entries, dataSize);
        MemorySegment data = seg.asSlice(dataStart, dataSize);
        return new SafetensorsFile(file, metadata, entries, data, arena);
    }

    private static String utf8(String file, byte[] bytes) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "header is not valid UTF-8");
        }
    }

    private static void readMetadata(String file, JsonNode node, Map<String, String> out)
            throws SafetensorsFormatException {
        if (!node.isObject()) {
            throw fail(file, METADATA_KEY + " must be an object of strings");
        }
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getValue().isTextual()) {
                throw fail(file, METADATA_KEY + " entry '" + f.getKey() + "' must be a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static SafetensorsEntry entry(String file, String name, JsonNode node, long dataSize)
            throws SafetensorsFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(file, where + " must be described by a JSON object");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw fail(file, where + " has no dtype string");
        }
        SafetensorsDType dtype = SafetensorsDType.byName(dt.textValue());
        if (dtype == null) {
            throw fail(file, where + " has dtype '" + dt.textValue()
                    + "', which qat4j does not read (F64, F32, F16, BF16, I64, I32, U8, I8)");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) {
            throw fail(file, where + " has no shape array");
        }
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.longValue() < 0) {
                throw fail(file, where + " shape dimension " + i + " is " + d + " (must be a non-negative integer)");
            }
            shape[i] = d.longValue();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw fail(file, where + " element count overflows 64 bits");
            }
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2) {
            throw fail(file, where + " must have data_offsets [begin, end]");
        }
        long[] be = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = off.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.longValue() < 0) {
                throw fail(file, where + " data offset " + o + " is not a non-negative integer");
            }
            be[i] = o.longValue();
        }
        if (be[0] > be[1]) {
            throw fail(file, where + " data_offsets [" + be[0] + ", " + be[1] + "] end before they begin");
        }
        if (be[1] > dataSize) {
            throw fail(file, where + " data_offsets [" + be[0] + ", " + be[1] + "] run past the end of the data ("
                    + dataSize + " bytes): truncated or corrupt");
        }
        long expected;
        try {
            expected = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw fail(file, where + " byte size overflows 64 bits");
        }
        if (be[1] - be[0] != expected) {
            throw fail(file, where + " holds " + (be[1] - be[0]) + " bytes but its shape " + java.util.Arrays.toString(shape)
                    + " of " + dtype + " needs " + expected);
        }
        return new SafetensorsEntry(name, dtype, shape, be[0], be[1]);
    }

    /** The tensors, sorted by offset, must cover the data section exactly once. */
    private static void checkTiling(String file, List<SafetensorsEntry> entries, long dataSize)
            throws SafetensorsFormatException {
        List<SafetensorsEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
        long expected = 0;
        SafetensorsEntry previous = null;
        for (SafetensorsEntry e : sorted) {
            if (e.begin() < expected) {
                throw fail(file, "tensor '" + e.name() + "' data [" + e.begin() + ", " + e.end() + ") overlaps tensor '"
                        + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (e.begin() > expected) {
                throw fail(file, "tensor '" + e.name() + "' data starts at " + e.begin() + " but the previous tensor"
                        + (previous == null ? "s end" : " '" + previous.name() + "' ends") + " at " + expected
                        + " (safetensors data must have no holes)");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataSize) {
            throw fail(file, "the tensors cover " + expected + " bytes of data but the file holds " + dataSize
                    + " after the header (trailing bytes or a missing tensor)");
        }
    }

    private static SafetensorsFormatException fail(String file, String msg) {
        return new SafetensorsFormatException(file + ": " + msg);
    }
}
