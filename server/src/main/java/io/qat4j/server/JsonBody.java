package io.qat4j.server;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;

/** Reads a request's JSON object, never more than the configured number of bytes. */
public final class JsonBody {
    private JsonBody() {}

    /**
     * @throws ApiException 413 when the body is larger than {@code maxBytes} (declared or actual), 400 when
     *                      it is not one JSON object
     */
    public static ObjectNode read(Context ctx, long maxBytes, ObjectMapper json) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        byte[] body = readAtMost(ctx.req().getInputStream(), maxBytes);
        if (body.length == 0) {
            throw ApiException.malformedJson("the body is empty");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.malformedJson(e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.malformedJson("the body is JSON but not an object");
        }
        return object;
    }

    // Chunked bodies declare no length: count while reading so a huge one is refused, not buffered.
    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw ApiException.tooLarge(maxBytes);
        }
        return bytes;
    }
}
