package io.qat4j.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where {@code qat4j guard review} works: a server's governance API, or the store itself. Both
 * answer with the API's JSON.
 */
interface ReviewBackend extends AutoCloseable {
    /** {@code {"data": [items]}}, newest change first. */
    JsonNode list(String state, String author, int limit);

    /** One item with every revision and verdict. */
    JsonNode show(String id);

    /** {@code {"data": [events], "chain_intact": bool}}. */
    JsonNode audit(String id);

    /** A transition; the item after it. */
    JsonNode act(String id, String action, String comment, Long expectedVersion);

    @Override
    void close();
}
