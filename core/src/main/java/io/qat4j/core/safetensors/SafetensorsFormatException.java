package io.qat4j.core.safetensors;

import java.io.IOException;

/** A safetensors file that is malformed, truncated or hostile; the message names the file and tensor. */
public final class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }
}
