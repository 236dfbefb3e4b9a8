package io.qat4j.server.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes server-sent events as OpenAI streams them: {@code data: JSON\n\n} per event, flushed at once,
 * ending with {@code data: [DONE]\n\n}. A failed write means the client went away.
 */
final class SseWriter {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ObjectMapper json;

    SseWriter(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    void data(JsonNode event) throws IOException {
        out.write(DATA);
        out.write(json.writeValueAsBytes(event)); // JSON escapes newlines, so one event is one line
        out.write(END);
        out.flush();
    }

    /** A comment line, which SSE parsers skip: keeps a quiet connection alive and probes that the client is there. */
    void comment(String text) throws IOException {
        out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void done() throws IOException {
        out.write(DONE);
        out.flush();
    }
}
