package io.qat4j.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.server.openai.OpenAiModule;
import io.qat4j.server.ops.OpsModule;
import io.qat4j.server.ops.ServerMetrics;

/**
 * The qat4j HTTP server (Javalin on Jetty, a virtual thread per request): the OpenAI-compatible API,
 * /health and /metrics, plus whatever {@link ApiModule}s are added, all on one {@link LocalModel}.
 *
 * <pre>{@code
 * try (LocalModel model = Qat4j.load(path, ModelOptions.defaults().withSlots(4, 64));
 *      Qat4jServer server = Qat4jServer.builder(model, ServerConfig.defaults("my-model")).start()) {
 *     // serving at server.url() until closed
 * }
 * }</pre>
 *
 * The server does not own the model: close the server, then the model.
 */
public final class Qat4jServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Qat4jServer.class);

    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final Generations generations;
    private final ObjectMapper json;
    private final Javalin app;

    /** Starts building a server for {@code model}. */
    public static Builder builder(LocalModel model, ServerConfig config) {
        return new Builder(model, config);
    }

    /** Adds modules and a completion hook, then starts the server. */
    public static final class Builder {
        private final LocalModel model;
        private final ServerConfig config;
        private final List<ApiModule> modules = new ArrayList<>();
        private CompletionHook hook = CompletionHook.NONE;

        private Builder(LocalModel model, ServerConfig config) {
            this.model = model;
            this.config = config;
        }

        /** Runs around every generation of the OpenAI endpoints (governance). */
        public Builder hook(CompletionHook h) {
            this.hook = h;
            return this;
        }

        /** Serves more routes (governance API, reviewer page). */
        public Builder module(ApiModule m) {
            modules.add(m);
            return this;
        }

        /** Binds the port and starts serving. */
        public Qat4jServer start() {
            var all = new ArrayList<ApiModule>();
            all.add(new OpenAiModule(hook));
            all.add(new OpsModule());
            all.addAll(modules);
            return new Qat4jServer(model, config, all);
        }
    }

    private Qat4jServer(LocalModel model, ServerConfig config, List<ApiModule> modules) {
        this.config = config;
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        this.metrics = new ServerMetrics(model);
        this.generations = new Generations(model, metrics);
        var context = new ServerContext(model, config, metrics, json, generations);
        var auth = new ApiKeyAuth(config.apiKeys(), path -> modules.stream().anyMatch(m -> m.authenticatesItself(path)));
        try {
            this.app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.concurrency.useVirtualThreads = true;
                // Streams are written straight to the response; compression would hold chunks back.
                cfg.http.compressionStrategy = CompressionStrategy.NONE;
                cfg.http.maxRequestSize = config.maxBodyBytes();
                cfg.requestLogger.http((ctx, ms) -> metrics.request(endpointOf(ctx), ctx.method().name(), ctx.statusCode()));
                cfg.routes.before("/v1/*", auth::check);
                cfg.routes.exception(ApiException.class, this::writeError);
                cfg.routes.exception(HttpResponseException.class, (e, ctx) -> writeError(translate(e, ctx), ctx));
                cfg.routes.exception(Exception.class, (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    writeError(ApiException.serverError("The server failed to answer: " + e), ctx);
                });
                for (ApiModule m : modules) {
                    m.register(cfg.routes, context);
                }
            }).start(config.host(), config.port());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /** The port it listens on (the chosen one when the configuration said 0). */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080} (OpenAI clients take it plus {@code /v1}). */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    public ServerConfig config() {
        return config;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Generations submitted through the server and not finished. */
    public int runningGenerations() {
        return generations.running();
    }

    /** Cancels running generations (their streams end), stops listening, stops the metrics sampler. */
    @Override
    public void close() {
        generations.cancelAll();
        app.stop();
        metrics.close();
    }

    private void writeError(ApiException e, Context ctx) {
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.contentType("application/json");
        try {
            ctx.result(json.writeValueAsBytes(e.envelope(json)));
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    private static ApiException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ApiException.unknownUrl(ctx.method().name(), ctx.path());
            case 405 -> new ApiException(405, "invalid_request_error", "method_not_allowed", null,
                    "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".");
            case 413 -> ApiException.tooLarge(ctx.req().getContentLengthLong());
            default -> new ApiException(e.getStatus(), e.getStatus() >= 500 ? "server_error" : "invalid_request_error",
                    null, null, e.getMessage());
        };
    }

    // Metrics are labelled by route pattern, never by raw path, so a scan of random URLs cannot explode
    // them. "unmatched": no route handler ran (an unknown URL, or a request refused before routing, as a 401).
    private static String endpointOf(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            return endpoint.method.isHttpMethod() ? endpoint.path : "unmatched";
        } catch (RuntimeException none) {
            return "unmatched";
        }
    }
}
