package io.qat4j.infer.generate;

import java.util.concurrent.CompletableFuture;

/** A submitted generation: its eventual result, and a way to stop it early. */
public final class GenerationHandle {
    private final CompletableFuture<Completion> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    /** Completes when the generation ends for any reason (it never completes exceptionally). */
    public CompletableFuture<Completion> result() {
        return result;
    }

    /** Asks the engine to stop; the result completes with {@link FinishReason#CANCELLED} at its next step. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Waits for the result. */
    public Completion join() {
        return result.join();
    }

    void complete(Completion c) {
        result.complete(c);
    }
}
