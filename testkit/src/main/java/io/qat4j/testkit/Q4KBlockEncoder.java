package io.qat4j.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds Q4_K super-blocks from chosen fields, following ggml's documented block_q4_K layout, so the
 * codec's decoder can be checked without a golden file:
 * <pre>
 *   bytes 0..1    d     fp16 super-scale of the sub-block scales
 *   bytes 2..3    dmin  fp16 super-scale of the sub-block mins
 *   bytes 4..15   8 six-bit scales and 8 six-bit mins, packed:
 *                   sub-block j &lt; 4: scale in the low 6 bits of byte j, min in the low 6 bits of byte j+4;
 *                   sub-block j &ge; 4: byte j+4 holds the scale's low 4 bits (low nibble) and the min's
 *                   low 4 bits (high nibble); the scale's top 2 bits are bits 6..7 of byte j-4, the
 *                   min's top 2 bits bits 6..7 of byte j.
 *   bytes 16..143 4-bit codes: sub-blocks 2k and 2k+1 share bytes 32k..32k+31, element l of the
 *                 even one in the low nibble of byte 32k+l, of the odd one in the high nibble.
 * </pre>
 * Element i belongs to sub-block i/32 and decodes to d·scale·q − dmin·min.
 */
public final class Q4KBlockEncoder {
    public static final int BLOCK_BYTES = 144;

    private Q4KBlockEncoder() {}

    /**
     * @param scales 8 values in 0..63
     * @param mins   8 values in 0..63
     * @param codes  256 values in 0..15, in element order
     */
    public static byte[] encode(short d, short dmin, int[] scales, int[] mins, int[] codes) {
        byte[] b = new byte[BLOCK_BYTES];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(0, d).putShort(2, dmin);
        int packed = 4;
        for (int j = 0; j < 8; j++) {
            int sc = scales[j];
            int m = mins[j];
            if (sc < 0 || sc > 63 || m < 0 || m > 63) {
                throw new IllegalArgumentException("6-bit scale/min expected, got " + sc + "/" + m);
            }
            if (j < 4) {
                b[packed + j] |= (byte) sc;
                b[packed + j + 4] |= (byte) m;
            } else {
                b[packed + j + 4] = (byte) ((sc & 0x0F) | (m & 0x0F) << 4);
                b[packed + j - 4] |= (byte) ((sc >> 4) << 6);
                b[packed + j] |= (byte) ((m >> 4) << 6);
            }
        }
        for (int i = 0; i < 256; i++) {
            int sub = i / 32;
            int at = 16 + 32 * (sub / 2) + i % 32;
            int q = codes[i];
            if (q < 0 || q > 15) {
                throw new IllegalArgumentException("4-bit code expected, got " + q);
            }
            b[at] |= (byte) (sub % 2 == 0 ? q : q << 4);
        }
        return b;
    }
}
