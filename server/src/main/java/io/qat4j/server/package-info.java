/** The HTTP server: OpenAI-compatible API, governance API, reviewer page, health and metrics. */
package io.qat4j.server;
