package io.qat4j.core.safetensors;

/** The element types a safetensors file may hold that qat4j reads, with their widths in bytes. */
public enum SafetensorsDType {
    F64(8),
    F32(4),
    F16(2),
    BF16(2),
    I64(8),
    I32(4),
    U8(1),
    I8(1);

    private final int bytes;

    SafetensorsDType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type named by a header's {@code dtype} string, or null when qat4j does not read it. */
    public static SafetensorsDType byName(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
