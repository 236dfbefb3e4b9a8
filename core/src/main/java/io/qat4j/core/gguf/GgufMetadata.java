package io.qat4j.core.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The key/value metadata of a GGUF file, in file order, with typed accessors whose errors name the
 * file and key at fault.
 */
public final class GgufMetadata {
    private final String source;
    private final SequencedMap<String, GgufValue> entries;

    public GgufMetadata(String source, Map<String, GgufValue> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(entries));
    }

    /** Where this metadata came from (a file name), for error messages. */
    public String source() {
        return source;
    }

    public SequencedMap<String, GgufValue> entries() {
        return entries;
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public String getString(String key) {
        return typed(key, GgufValueType.STRING, String.class);
    }

    public Optional<String> optString(String key) {
        return entries.containsKey(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    public long getLong(String key) {
        GgufValue v = require(key);
        if (!v.isInteger()) {
            throw error(key, "must be an integer, found " + v.type());
        }
        long x = v.asLong();
        if (v.type() == GgufValueType.UINT64 && x < 0) {
            throw error(key, "value " + Long.toUnsignedString(x) + " is too large");
        }
        return x;
    }

    /** An integer that must fit in a Java int (a dimension, a count, a token id). */
    public int getInt(String key) {
        long x = getLong(key);
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
            throw error(key, "value " + x + " is out of range");
        }
        return (int) x;
    }

    public int getInt(String key, int fallback) {
        return entries.containsKey(key) ? getInt(key) : fallback;
    }

    public double getDouble(String key) {
        GgufValue v = require(key);
        if (v.type() != GgufValueType.FLOAT32 && v.type() != GgufValueType.FLOAT64 && !v.isInteger()) {
            throw error(key, "must be a number, found " + v.type());
        }
        return v.asDouble();
    }

    public float getFloat(String key, float fallback) {
        return entries.containsKey(key) ? (float) getDouble(key) : fallback;
    }

    public boolean getBoolean(String key, boolean fallback) {
        if (!entries.containsKey(key)) {
            return fallback;
        }
        GgufValue v = entries.get(key);
        if (v.type() == GgufValueType.BOOL) {
            return (Boolean) v.value();
        }
        throw error(key, "must be a bool, found " + v.type());
    }

    public GgufArray getArray(String key) {
        return typed(key, GgufValueType.ARRAY, GgufArray.class);
    }

    public String[] getStringArray(String key) {
        GgufArray a = getArray(key);
        if (a.elementType() != GgufValueType.STRING) {
            throw error(key, "must be an array of strings, found an array of " + a.elementType());
        }
        return (String[]) a.elements();
    }

    /** A numeric array as floats (FLOAT32 as is; other numeric types converted). */
    public float[] getFloatArray(String key) {
        GgufArray a = getArray(key);
        int n = a.length();
        float[] out = new float[n];
        switch (a.elementType()) {
            case FLOAT32 -> System.arraycopy(a.elements(), 0, out, 0, n);
            case FLOAT64 -> {
                double[] d = (double[]) a.elements();
                for (int i = 0; i < n; i++) {
                    out[i] = (float) d[i];
                }
            }
            case STRING, ARRAY, BOOL -> throw error(key, "must be a numeric array, found an array of " + a.elementType());
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a.longAt(i);
                }
            }
        }
        return out;
    }

    /** An integer array as ints (range-checked). */
    public int[] getIntArray(String key) {
        GgufArray a = getArray(key);
        int n = a.length();
        int[] out = new int[n];
        switch (a.elementType()) {
            case FLOAT32, FLOAT64, STRING, ARRAY -> throw error(key,
                    "must be an integer array, found an array of " + a.elementType());
            default -> {
                for (int i = 0; i < n; i++) {
                    long x = a.longAt(i);
                    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                        throw error(key, "element " + i + " (" + x + ") is out of range");
                    }
                    out[i] = (int) x;
                }
            }
        }
        return out;
    }

    private <T> T typed(String key, GgufValueType type, Class<T> cls) {
        GgufValue v = require(key);
        if (v.type() != type) {
            throw error(key, "must be a " + type + ", found " + v.type());
        }
        return cls.cast(v.value());
    }

    private GgufValue require(String key) {
        GgufValue v = entries.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": metadata key '" + key + "' is missing");
        }
        return v;
    }

    private IllegalArgumentException error(String key, String what) {
        return new IllegalArgumentException(source + ": metadata key '" + key + "' " + what);
    }
}
