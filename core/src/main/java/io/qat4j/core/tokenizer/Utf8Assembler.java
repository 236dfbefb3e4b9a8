package io.qat4j.core.tokenizer;

/**
 * Turns bytes that arrive one at a time into text, holding back an incomplete multi-byte character
 * until its last byte comes. Ill-formed input becomes U+FFFD, one per maximal subpart (the practice
 * Unicode recommends and Python and WHATWG follow; the JDK's decoder differs only on encoded
 * surrogates {@code ED A0..BF xx}, which it replaces as one unit), so feeding bytes one by one
 * gives the same text as decoding them all at once.
 */
final class Utf8Assembler {
    private final StringBuilder out;
    private int needed;
    private int codePoint;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Text goes to {@code out}. */
    Utf8Assembler(StringBuilder out) {
        this.out = out;
    }

    void acceptByte(int b) {
        b &= 0xFF;
        if (needed == 0) {
            start(b);
            return;
        }
        if (b < lower || b > upper) {
            // The sequence so far is a maximal subpart: replace it, then read b afresh.
            out.append('\uFFFD');
            reset();
            start(b);
            return;
        }
        lower = 0x80;
        upper = 0xBF;
        codePoint = codePoint << 6 | b & 0x3F;
        if (--needed == 0) {
            out.appendCodePoint(codePoint);
        }
    }

    /** Ends any incomplete character (it becomes U+FFFD), then appends text. */
    void acceptText(CharSequence text) {
        finish();
        out.append(text);
    }

    /** Replaces an incomplete character at the end of the input with U+FFFD. */
    void finish() {
        if (needed > 0) {
            out.append('\uFFFD');
            reset();
        }
    }

    private void start(int b) {
        if (b < 0x80) {
            out.append((char) b);
        } else if (b >= 0xC2 && b <= 0xDF) {
            begin(1, b & 0x1F);
        } else if (b >= 0xE0 && b <= 0xEF) {
            begin(2, b & 0x0F);
            if (b == 0xE0) {
                lower = 0xA0; // no overlong forms
            } else if (b == 0xED) {
                upper = 0x9F; // no surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            begin(3, b & 0x07);
            if (b == 0xF0) {
                lower = 0x90;
            } else if (b == 0xF4) {
                upper = 0x8F; // nothing above U+10FFFF
            }
        } else {
            out.append('\uFFFD');
        }
    }

    private void begin(int continuationBytes, int bits) {
        needed = continuationBytes;
        codePoint = bits;
    }

    private void reset() {
        needed = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
