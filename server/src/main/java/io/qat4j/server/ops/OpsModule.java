package io.qat4j.server.ops;

import io.javalin.config.RoutesConfig;
import io.qat4j.server.ApiModule;
import io.qat4j.server.ServerContext;

/** {@code GET /health} (liveness and load, as JSON) and {@code GET /metrics} (Prometheus text). */
public final class OpsModule implements ApiModule {

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        routes.get("/health", ctx -> {
            var stats = server.model().stats();
            var body = server.json().createObjectNode();
            body.put("status", "ok");
            body.put("model", server.config().modelId());
            body.put("slots", server.model().slots());
            body.put("active_slots", stats.activeSlots());
            body.put("queued", stats.queued());
            ctx.contentType("application/json").result(server.json().writeValueAsBytes(body));
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(server.metrics().scrape()));
    }
}
