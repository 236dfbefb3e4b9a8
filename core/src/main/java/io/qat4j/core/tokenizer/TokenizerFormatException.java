package io.qat4j.core.tokenizer;

import java.io.IOException;

/** A tokenizer file that is malformed, truncated or uses features qat4j does not support; the message names the file. */
public class TokenizerFormatException extends IOException {
    public TokenizerFormatException(String message) {
        super(message);
    }

    public TokenizerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
