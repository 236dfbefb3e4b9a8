package io.qat4j.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes the server serves. The OpenAI API and the health/metrics endpoints are modules;
 * later ones (governance, the reviewer page) plug in the same way through {@link Qat4jServer.Builder#module}.
 */
public interface ApiModule {
    /** Adds the module's routes; {@code server} gives the model, configuration, metrics and JSON mapper. */
    void register(RoutesConfig routes, ServerContext server);

    /**
     * Whether requests to {@code path} are authenticated by this module itself (with keys of its
     * own) rather than by the server's {@code --api-key}s.
     */
    default boolean authenticatesItself(String path) {
        return false;
    }
}
