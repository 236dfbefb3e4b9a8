package io.qat4j.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.core.tokenizer.TokenType;

/**
 * A text split tokenized with one model's vocabulary, and how many UTF-8 bytes of text each token
 * stands for (so a prefix of the tokens can be scored in bits per byte).
 *
 * <p>A byte-level vocabulary (only {@code <0xNN>} and control tokens) maps the raw bytes one to one,
 * without decoding them, exactly as the PyTorch reference does. Any other vocabulary tokenizes the
 * decoded text as one piece, without BOS/EOS and with control-token parsing off.
 *
 * @param tokens     the token stream
 * @param tokenBytes UTF-8 bytes of text behind each token (a byte token 1, a piece its length with
 *                   {@code ▁} as a space, the added space prefix not counted, control tokens 0)
 * @param textBytes  UTF-8 bytes of the whole text
 * @param bos        the id each window starts with
 */
public record EvalText(int[] tokens, int[] tokenBytes, long textBytes, int bos) {

    /** Tokenizes {@code utf8} with {@code tok}; {@code source} names the model in errors. */
    public static EvalText of(SentencePieceTokenizer tok, byte[] utf8, String source) {
        if (tok.bosId() < 0) {
            throw new IllegalArgumentException(source + ": the vocabulary has no BOS token, which every evaluation window"
                    + " starts with");
        }
        if (tok.isByteLevel()) {
            return byteLevel(tok, utf8, source);
        }
        String text = new String(utf8, StandardCharsets.UTF_8);
        int[] ids = tok.encode(text, false, false);
        int[] bytes = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            bytes[i] = textBytesOf(tok, ids[i]);
        }
        if (tok.addsSpacePrefix() && ids.length > 0 && tok.piece(ids[0]).startsWith("\u2581") && !text.startsWith(" ")) {
            bytes[0]--; // the tokenizer's own space, not a byte of the text
        }
        return new EvalText(ids, bytes, text.getBytes(StandardCharsets.UTF_8).length, tok.bosId());
    }

    private static EvalText byteLevel(SentencePieceTokenizer tok, byte[] utf8, String source) {
        int[] idOfByte = new int[256];
        for (int b = 0; b < 256; b++) {
            String piece = String.format("<0x%02X>", b);
            idOfByte[b] = tok.idOf(piece).orElseThrow(() -> new IllegalArgumentException(source
                    + ": the byte-level vocabulary lacks the token " + piece));
        }
        int[] ids = new int[utf8.length];
        int[] bytes = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            ids[i] = idOfByte[utf8[i] & 0xFF];
            bytes[i] = 1;
        }
        return new EvalText(ids, bytes, utf8.length, tok.bosId());
    }

    private static int textBytesOf(SentencePieceTokenizer tok, int id) {
        TokenType type = tok.type(id);
        if (type == TokenType.BYTE) {
            return 1;
        }
        if (type.isSpecial()) {
            return 0;
        }
        return tok.piece(id).replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The bytes of text the windows cover: the whole text when they cover every token (the definition
     * of bits per byte), otherwise the sum over the tokens they score.
     */
    public long bytesScored(List<EvalWindows.Window> windows) {
        long covered = 0;
        long bytes = 0;
        for (var w : windows) {
            covered += w.length();
            for (int i = w.start(); i < w.start() + w.length(); i++) {
                bytes += tokenBytes[i];
            }
        }
        return covered == tokens.length ? textBytes : bytes;
    }
}
