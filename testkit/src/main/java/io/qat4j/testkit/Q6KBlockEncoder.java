package io.qat4j.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds Q6_K super-blocks from chosen fields, following ggml's documented block_q6_K layout:
 * <pre>
 *   bytes 0..127   ql: low 4 bits of the 6-bit codes
 *   bytes 128..191 qh: high 2 bits of the codes
 *   bytes 192..207 16 int8 sub-block scales, one per 16 consecutive elements
 *   bytes 208..209 d, the fp16 super-scale
 * </pre>
 * Each half h (elements 128h..128h+127) uses ql bytes 64h.., qh bytes 32h.. . Within a half,
 * element 32g + l (g = 0..3, l = 0..31) keeps its low 4 bits in ql byte 64h + l + 32·(g mod 2), in
 * the low nibble for g &lt; 2 and the high nibble otherwise, and its high 2 bits in bits 2g..2g+1 of
 * qh byte 32h + l. Element i decodes to d·scale[i/16]·(q − 32).
 */
public final class Q6KBlockEncoder {
    public static final int BLOCK_BYTES = 210;

    private Q6KBlockEncoder() {}

    /**
     * @param scales 16 signed scales
     * @param codes  256 values in 0..63, in element order
     */
    public static byte[] encode(short d, byte[] scales, int[] codes) {
        byte[] b = new byte[BLOCK_BYTES];
        for (int i = 0; i < 256; i++) {
            int q = codes[i];
            if (q < 0 || q > 63) {
                throw new IllegalArgumentException("6-bit code expected, got " + q);
            }
            int half = i / 128;
            int g = (i % 128) / 32;
            int l = i % 32;
            int ql = 64 * half + l + 32 * (g % 2);
            b[ql] |= (byte) (g < 2 ? q & 0x0F : (q & 0x0F) << 4);
            int qh = 128 + 32 * half + l;
            b[qh] |= (byte) ((q >> 4) << (2 * g));
        }
        System.arraycopy(scales, 0, b, 192, 16);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(208, d);
        return b;
    }
}
