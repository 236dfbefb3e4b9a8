package io.qat4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.infer.api.LocalModel;
import io.qat4j.server.ops.ServerMetrics;

/**
 * What route modules share.
 *
 * @param model       the served model (the in-process API)
 * @param config      the server's configuration
 * @param metrics     the metrics registry behind /metrics
 * @param json        the JSON mapper (strict: trailing content after the object is an error)
 * @param generations submits generations so that they are counted, timed and cancelled at shutdown
 */
public record ServerContext(LocalModel model, ServerConfig config, ServerMetrics metrics, ObjectMapper json,
        Generations generations) {}
