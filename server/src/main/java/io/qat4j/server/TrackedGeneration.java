package io.qat4j.server;

import java.util.concurrent.CompletableFuture;

import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.GenerationHandle;

/**
 * A generation the server submitted, whose {@link #result()} completes only after the server has recorded the
 * outcome (metrics, the running set): a client that reads its answer and then scrapes {@code /metrics} sees it
 * counted. The engine's own future completes earlier, before those records.
 */
public record TrackedGeneration(GenerationHandle handle, CompletableFuture<Completion> result) {

    /** Asks the engine to stop; the result completes with a cancelled completion at its next step. */
    public void cancel() {
        handle.cancel();
    }

    /** Waits for the recorded result. */
    public Completion join() {
        return result.join();
    }
}
