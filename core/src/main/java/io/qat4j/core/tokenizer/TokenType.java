package io.qat4j.core.tokenizer;

/**
 * What a vocabulary entry is, with the codes GGUF stores in {@code tokenizer.ggml.token_type}
 * (llama.cpp's numbering).
 */
public enum TokenType {
    UNDEFINED(0),
    /** An ordinary piece of text; {@code ▁} (U+2581) in it stands for a space. */
    NORMAL(1),
    UNKNOWN(2),
    /** A special token such as {@code <bos>} or {@code <start_of_turn>}: matched in text only on request. */
    CONTROL(3),
    /** A piece always matched whole in the text before merging (newline runs, HTML tags...). */
    USER_DEFINED(4),
    UNUSED(5),
    /** One raw byte, written {@code <0xXX>}. */
    BYTE(6);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a GGUF code, or null when the code is not one of the seven. */
    public static TokenType fromCode(int code) {
        for (TokenType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** True for the tokens a decoder may skip: control and unknown. */
    public boolean isSpecial() {
        return this == CONTROL || this == UNKNOWN;
    }
}
