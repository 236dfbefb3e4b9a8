package io.qat4j.core.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes raw little-endian GGUF bytes field by field, with no validation at all, so tests can build
 * exactly the malformed header they mean (a forged count, a bad type id...) independently of
 * {@link GgufWriter}.
 */
final class GgufBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Magic, version 3 and the two counts. */
    static GgufBytes header(long tensorCount, long kvCount) {
        return new GgufBytes().raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensorCount).u64(kvCount);
    }

    GgufBytes u8(int v) {
        out.write(v);
        return this;
    }

    GgufBytes u16(int v) {
        return raw(le(2).putShort((short) v));
    }

    GgufBytes u32(long v) {
        return raw(le(4).putInt((int) v));
    }

    GgufBytes u64(long v) {
        return raw(le(8).putLong(v));
    }

    GgufBytes f32(float v) {
        return raw(le(4).putFloat(v));
    }

    GgufBytes f64(double v) {
        return raw(le(8).putDouble(v));
    }

    /** A GGUF string: u64 byte length, then UTF-8 bytes. */
    GgufBytes string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u64(b.length).raw(b);
    }

    /** A metadata key and its value type id; the caller appends the value. */
    GgufBytes key(String key, GgufValueType type) {
        return string(key).u32(type.id());
    }

    /** A tensor info: name, dimension count, dimensions, type id, offset. */
    GgufBytes tensor(String name, long[] ne, long typeId, long offset) {
        string(name).u32(ne.length);
        for (long d : ne) {
            u64(d);
        }
        return u32(typeId).u64(offset);
    }

    GgufBytes zeros(int n) {
        return raw(new byte[n]);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    GgufBytes padTo(int alignment) {
        return zeros((alignment - size() % alignment) % alignment);
    }

    GgufBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Replaces the little-endian u32 at {@code at} of a finished image. */
    static void overwriteU32(byte[] image, int at, long v) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) v);
    }

    /** Replaces the little-endian u64 at {@code at} of a finished image. */
    static void overwriteU64(byte[] image, int at, long v) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    }

    private GgufBytes raw(ByteBuffer b) {
        return raw(b.array());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
