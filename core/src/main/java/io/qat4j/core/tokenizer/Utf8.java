package io.qat4j.core.tokenizer;

/** UTF-8 encoding of single code points, for byte fallback. */
final class Utf8 {
    private Utf8() {}

    /**
     * Writes the UTF-8 bytes of a code point to {@code dst} (at least 4 long) and returns how many.
     * A lone surrogate, which has no UTF-8 form, is written as U+FFFD.
     */
    static int encode(int cp, byte[] dst) {
        if (cp < 0x80) {
            dst[0] = (byte) cp;
            return 1;
        }
        if (cp < 0x800) {
            dst[0] = (byte) (0xC0 | cp >> 6);
            dst[1] = (byte) (0x80 | cp & 0x3F);
            return 2;
        }
        if (cp < 0x10000) {
            if (Character.isSurrogate((char) cp)) {
                cp = 0xFFFD;
            }
            dst[0] = (byte) (0xE0 | cp >> 12);
            dst[1] = (byte) (0x80 | cp >> 6 & 0x3F);
            dst[2] = (byte) (0x80 | cp & 0x3F);
            return 3;
        }
        dst[0] = (byte) (0xF0 | cp >> 18);
        dst[1] = (byte) (0x80 | cp >> 12 & 0x3F);
        dst[2] = (byte) (0x80 | cp >> 6 & 0x3F);
        dst[3] = (byte) (0x80 | cp & 0x3F);
        return 4;
    }
}
