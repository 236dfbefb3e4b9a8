package io.qat4j.core.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A metadata array. {@code elements} is a primitive array matching the element type (byte[] for
 * UINT8/INT8, short[] for (U)INT16, int[] for (U)INT32, long[] for (U)INT64, float[], double[],
 * boolean[], String[]) or a {@code GgufArray[]} for nested arrays. Primitive arrays keep a 262k-entry
 * vocabulary's scores and types compact.
 */
public record GgufArray(GgufValueType elementType, Object elements) {

    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(elements, "elements");
        Class<?> expected = switch (elementType) {
            case UINT8, INT8 -> byte[].class;
            case UINT16, INT16 -> short[].class;
            case UINT32, INT32 -> int[].class;
            case UINT64, INT64 -> long[].class;
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case BOOL -> boolean[].class;
            case STRING -> String[].class;
            case ARRAY -> GgufArray[].class;
        };
        if (!expected.isInstance(elements)) {
            throw new IllegalArgumentException("an array of " + elementType + " must hold a "
                    + expected.getSimpleName() + ", got " + elements.getClass().getSimpleName());
        }
    }

    public static GgufArray ofStrings(String... s) {
        return new GgufArray(GgufValueType.STRING, s);
    }

    public static GgufArray ofFloats(float... f) {
        return new GgufArray(GgufValueType.FLOAT32, f);
    }

    public static GgufArray ofInt32(int... v) {
        return new GgufArray(GgufValueType.INT32, v);
    }

    public static GgufArray ofBools(boolean... v) {
        return new GgufArray(GgufValueType.BOOL, v);
    }

    public int length() {
        return java.lang.reflect.Array.getLength(elements);
    }

    /** The element at i widened to long (integer and bool arrays). */
    public long longAt(int i) {
        return switch (elementType) {
            case UINT8 -> Byte.toUnsignedLong(((byte[]) elements)[i]);
            case INT8 -> ((byte[]) elements)[i];
            case UINT16 -> Short.toUnsignedLong(((short[]) elements)[i]);
            case INT16 -> ((short[]) elements)[i];
            case UINT32 -> Integer.toUnsignedLong(((int[]) elements)[i]);
            case INT32 -> ((int[]) elements)[i];
            case UINT64, INT64 -> ((long[]) elements)[i];
            case BOOL -> ((boolean[]) elements)[i] ? 1 : 0;
            default -> throw new IllegalStateException("an array of " + elementType + " holds no integers");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufArray a && a.elementType == elementType
                && Arrays.deepEquals(new Object[] {elements}, new Object[] {a.elements});
    }

    @Override
    public int hashCode() {
        return 31 * elementType.hashCode() + Arrays.deepHashCode(new Object[] {elements});
    }

    @Override
    public String toString() {
        int n = length();
        StringBuilder sb = new StringBuilder("[").append(elementType.name().toLowerCase()).append(" × ").append(n);
        if (n <= 8 && elementType != GgufValueType.ARRAY) {
            sb.append(": ");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(java.lang.reflect.Array.get(elements, i));
            }
        }
        return sb.append(']').toString();
    }
}
