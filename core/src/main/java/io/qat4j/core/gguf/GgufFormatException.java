package io.qat4j.core.gguf;

import java.io.IOException;

/** A GGUF file that is malformed, truncated or beyond what qat4j accepts; the message names the file. */
public class GgufFormatException extends IOException {
    public GgufFormatException(String message) {
        super(message);
    }
}
