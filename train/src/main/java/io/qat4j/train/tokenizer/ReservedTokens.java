package io.qat4j.train.tokenizer;

import java.util.Locale;

import io.qat4j.core.tokenizer.TokenType;

/**
 * The 262 tokens every trained vocabulary starts with, in Gemma's order: {@code <pad>} 0,
 * {@code <eos>} 1, {@code <bos>} 2, {@code <unk>} 3, the byte tokens {@code <0x00>}..{@code <0xFF>}
 * at 4..259 (byte fallback for any character the vocabulary lacks), then the chat-turn control tokens
 * {@code <start_of_turn>} 260 and {@code <end_of_turn>} 261. Learned pieces follow from id 262.
 */
public final class ReservedTokens {
    public static final int PAD = 0;
    public static final int EOS = 1;
    public static final int BOS = 2;
    public static final int UNK = 3;
    public static final int FIRST_BYTE = 4;
    public static final int START_OF_TURN = FIRST_BYTE + 256;
    public static final int END_OF_TURN = START_OF_TURN + 1;
    /** How many ids come before the first learned piece. */
    public static final int COUNT = END_OF_TURN + 1;

    private static final String[] PIECES = new String[COUNT];

    static {
        PIECES[PAD] = "<pad>";
        PIECES[EOS] = "<eos>";
        PIECES[BOS] = "<bos>";
        PIECES[UNK] = "<unk>";
        for (int b = 0; b < 256; b++) {
            PIECES[FIRST_BYTE + b] = String.format(Locale.ROOT, "<0x%02X>", b);
        }
        PIECES[START_OF_TURN] = "<start_of_turn>";
        PIECES[END_OF_TURN] = "<end_of_turn>";
    }

    private ReservedTokens() {}

    public static String piece(int id) {
        checkRange(id);
        return PIECES[id];
    }

    public static TokenType type(int id) {
        checkRange(id);
        if (id == UNK) {
            return TokenType.UNKNOWN;
        }
        return id >= FIRST_BYTE && id < START_OF_TURN ? TokenType.BYTE : TokenType.CONTROL;
    }

    /** The id of the byte token for byte value b (0..255). */
    public static int byteToken(int b) {
        return FIRST_BYTE + (b & 0xFF);
    }

    private static void checkRange(int id) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("id " + id + " is not a reserved token (0.." + (COUNT - 1) + ")");
        }
    }
}
