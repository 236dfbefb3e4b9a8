package io.qat4j.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the HTTP server runs.
 *
 * @param host              interface to listen on
 * @param port              TCP port; 0 picks a free one
 * @param modelIds          the ids clients may name in {@code model}: the first is the served model's id
 *                          (listed by /v1/models), the others aliases; any other id gets 404 model_not_found
 * @param apiKeys           bearer keys accepted on /v1/…; empty means no authentication
 * @param maxBodyBytes      larger request bodies get 413
 * @param requestTimeout    wall-clock limit of one generation from its arrival, or null for none
 * @param keepAliveInterval a quiet stream gets an SSE comment this often (it also notices a client
 *                          that went away while its prompt is evaluated)
 */
public record ServerConfig(String host, int port, List<String> modelIds, Set<String> apiKeys, long maxBodyBytes,
        Duration requestTimeout, Duration keepAliveInterval) {

    public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

    public ServerConfig {
        modelIds = List.copyOf(modelIds);
        apiKeys = Set.copyOf(apiKeys);
        if (modelIds.isEmpty() || modelIds.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("the server needs a model id, and ids must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the request body limit must be positive, got " + maxBodyBytes);
        }
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("the request timeout must be positive (null for none), got " + requestTimeout);
        }
        if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
            throw new IllegalArgumentException("the keep-alive interval must be positive, got " + keepAliveInterval);
        }
    }

    /** Loopback, port 8080, no keys, 8 MiB bodies, 10 minutes per generation, keep-alive every 5 s. */
    public static ServerConfig defaults(String modelId) {
        return new ServerConfig("127.0.0.1", 8080, List.of(modelId), Set.of(), DEFAULT_MAX_BODY_BYTES,
                Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    /** The served model's id. */
    public String modelId() {
        return modelIds.getFirst();
    }

    public ServerConfig withAddress(String h, int p) {
        return new ServerConfig(h, p, modelIds, apiKeys, maxBodyBytes, requestTimeout, keepAliveInterval);
    }

    public ServerConfig withModelIds(List<String> ids) {
        return new ServerConfig(host, port, ids, apiKeys, maxBodyBytes, requestTimeout, keepAliveInterval);
    }

    public ServerConfig withApiKeys(Set<String> keys) {
        return new ServerConfig(host, port, modelIds, keys, maxBodyBytes, requestTimeout, keepAliveInterval);
    }

    public ServerConfig withMaxBodyBytes(long b) {
        return new ServerConfig(host, port, modelIds, apiKeys, b, requestTimeout, keepAliveInterval);
    }

    public ServerConfig withRequestTimeout(Duration t) {
        return new ServerConfig(host, port, modelIds, apiKeys, maxBodyBytes, t, keepAliveInterval);
    }

    public ServerConfig withKeepAliveInterval(Duration k) {
        return new ServerConfig(host, port, modelIds, apiKeys, maxBodyBytes, requestTimeout, k);
    }
}
