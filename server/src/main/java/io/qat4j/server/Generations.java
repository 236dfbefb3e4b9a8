package io.qat4j.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.generate.ContextOverflowException;
import io.qat4j.infer.generate.GenerationHandle;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.generate.QueueFullException;
import io.qat4j.infer.generate.TokenSink;
import io.qat4j.server.ops.ServerMetrics;

/**
 * The server's way into the model: submits generations to {@link LocalModel}, turns refusals into API
 * errors, records time to first token and the outcome, and remembers what runs so shutdown can cancel it.
 */
public final class Generations {
    /** What a 429 tells clients to wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final LocalModel model;
    private final ServerMetrics metrics;
    private final Set<GenerationHandle> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Generations(LocalModel model, ServerMetrics metrics) {
        this.model = model;
        this.metrics = metrics;
    }

    /**
     * Queues a generation.
     *
     * @param endpoint    the route, for metrics
     * @param promptParam the request field the prompt came from, for a context-overflow error
     * @return the generation, whose result completes once its outcome is recorded
     * @throws ApiException 429 when the queue is full, 400 when the prompt does not fit, 503 at shutdown
     */
    public TrackedGeneration submit(String endpoint, String promptParam, int[] prompt, GenerationOptions options,
            TokenSink sink) {
        if (closed) {
            throw ApiException.unavailable("The server is shutting down.");
        }
        long arrived = System.nanoTime();
        TokenSink timed = new TokenSink() {
            private boolean first = true; // only the engine thread calls a sink

            @Override
            public void onToken(int id) {
                if (first) {
                    first = false;
                    metrics.firstToken(endpoint, System.nanoTime() - arrived);
                }
                sink.onToken(id);
            }

            @Override
            public void onText(String delta) {
                sink.onText(delta);
            }
        };
        GenerationHandle handle;
        try {
            handle = model.submit(prompt, options, timed);
        } catch (QueueFullException e) {
            throw ApiException.busy("The server is busy: all " + model.slots() + " sequence slots are in use and "
                    + e.queueCapacity() + " requests are waiting. Retry after " + RETRY_AFTER_SECONDS + " s.",
                    RETRY_AFTER_SECONDS);
        } catch (ContextOverflowException e) {
            throw ApiException.contextLengthExceeded(promptParam, e.promptTokens(), e.contextSize());
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("The model is not accepting requests: " + e.getMessage());
        }
        running.add(handle);
        var recorded = handle.result().whenComplete((c, never) -> {
            // Counted before it leaves the running set: whoever sees running() drop sees the outcome in the metrics.
            metrics.completion(endpoint, c, System.nanoTime() - arrived);
            running.remove(handle);
        });
        return new TrackedGeneration(handle, recorded);
    }

    /** Generations submitted and not finished. */
    public int running() {
        return running.size();
    }

    /** Refuses new generations and cancels the running ones. */
    void cancelAll() {
        closed = true;
        running.forEach(GenerationHandle::cancel);
    }
}
