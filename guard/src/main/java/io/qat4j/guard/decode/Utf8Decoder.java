package io.qat4j.guard.decode;

/**
 * A streaming UTF-8 decoder whose whole state fits in a few bits, so it can be part of the decode
 * constraint's state key. It produces exactly what the tokenizer's decoder
 * ({@code io.qat4j.core.tokenizer.IncrementalDecoder}) makes of the same bytes, so the constraint
 * sees the characters the output will have: malformed input becomes U+FFFD, one per maximal
 * ill-formed subsequence (the Unicode recommendation). The JDK's {@code new String(bytes, UTF_8)}
 * agrees except on encoded surrogates (ED A0–BF xx), which it replaces as one unit.
 *
 * <p>State: the pending bytes of an incomplete sequence, packed as {@code count} (bits 0–1), the
 * lead byte (bits 2–9) and the payload bits of up to two continuation bytes (6 bits each, from
 * bit 10); 0 is "nothing pending". Always ≥ 0 and below 2<sup>22</sup>.
 */
final class Utf8Decoder {
    static final int REPLACEMENT = 0xFFFD;

    /** Receives decoded code points. */
    interface Sink {
        /** Returns false to stop decoding. */
        boolean codePoint(int cp);
    }

    private Utf8Decoder() {
    }

    /**
     * Decodes {@code bytes} from state {@code pending}, passing code points to {@code sink}.
     * Returns the new pending state, or -1 when the sink stopped.
     */
    static int decode(int pending, byte[] bytes, Sink sink) {
        int count = pending & 0x3;
        int lead = (pending >>> 2) & 0xFF;
        int payload = pending >>> 10;
        for (byte value : bytes) {
            int b = value & 0xFF;
            while (true) {
                if (count == 0) {
                    if (b < 0x80) {
                        if (!sink.codePoint(b)) {
                            return -1;
                        }
                    } else if (sequenceLength(b) > 1) {
                        lead = b;
                        payload = 0;
                        count = 1;
                    } else if (!sink.codePoint(REPLACEMENT)) {
                        return -1;
                    }
                    break;
                }
                if (isValidContinuation(lead, count, b)) {
                    payload = payload << 6 | (b & 0x3F);
                    count++;
                    if (count == sequenceLength(lead)) {
                        int cp = leadBits(lead, count) << (6 * (count - 1)) | payload;
                        count = 0;
                        if (!sink.codePoint(cp)) {
                            return -1;
                        }
                    }
                    break;
                }
                // The pending bytes are an ill-formed subsequence: one replacement, then read b afresh.
                count = 0;
                if (!sink.codePoint(REPLACEMENT)) {
                    return -1;
                }
            }
        }
        return count == 0 ? 0 : count | lead << 2 | payload << 10;
    }

    /** 1 for ASCII, 2–4 for a valid lead byte, 0 for a byte that cannot start a character. */
    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** Whether {@code b} may be byte number {@code index} (1-based after the lead) of a sequence. */
    private static boolean isValidContinuation(int lead, int index, int b) {
        int lo = 0x80;
        int hi = 0xBF;
        if (index == 1) {
            switch (lead) {
                case 0xE0 -> lo = 0xA0;
                case 0xED -> hi = 0x9F;
                case 0xF0 -> lo = 0x90;
                case 0xF4 -> hi = 0x8F;
                default -> { }
            }
        }
        return b >= lo && b <= hi;
    }

    private static int leadBits(int lead, int length) {
        return switch (length) {
            case 2 -> lead & 0x1F;
            case 3 -> lead & 0x0F;
            default -> lead & 0x07;
        };
    }
}
