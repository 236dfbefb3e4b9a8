package io.qat4j.server.openai;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.FinishReason;
import io.qat4j.infer.generate.TokenSink;
import io.qat4j.server.ApiException;
import io.qat4j.server.CompletionHook;
import io.qat4j.server.CompletionRequest;
import io.qat4j.server.CompletionReview;
import io.qat4j.server.ServerContext;
import io.qat4j.server.TrackedGeneration;

/**
 * Runs a parsed completion request and writes the answer: one JSON object, or a stream of
 * server-sent events. The engine thread only queues text; the request's own (virtual) thread writes
 * it, so a slow client never holds back the other sequences. A write that fails (the client went
 * away) cancels the generation, which frees its slot at the engine's next step.
 */
final class CompletionResponder {
    /** A marker asking the writer to probe the connection. */
    private static final Object HEARTBEAT = new Object();
    private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ServerContext server;
    private final CompletionHook hook;
    private final ObjectMapper json;

    CompletionResponder(ServerContext server, CompletionHook hook) {
        this.server = server;
        this.hook = hook;
        this.json = server.json();
    }

    void respond(Context ctx, CompletionRequest parsed, ResponseShape shape, String promptParam) throws IOException {
        CompletionRequest request = hook.beforeGeneration(parsed);
        var reply = new Reply(shape, shape.idPrefix + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().getEpochSecond(), request.model());
        if (request.stream()) {
            stream(ctx, request, reply, promptParam);
        } else {
            answer(ctx, request, reply, promptParam);
        }
    }

    private void answer(Context ctx, CompletionRequest request, Reply reply, String promptParam) throws IOException {
        TrackedGeneration generation = server.generations().submit(request.endpoint(), promptParam, request.promptTokens(),
                request.options(), TokenSink.NONE);
        Completion c = generation.join();
        ApiException failure = failure(c);
        if (failure != null) {
            throw failure;
        }
        CompletionReview review = hook.afterGeneration(request, c);
        ObjectNode body = reply.envelope(json, reply.shape.object);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        reply.shape.answer(choice, review.blocked() ? "" : review.text() != null ? review.text() : c.text());
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(c, review));
        body.set("usage", usage(c));
        review.extensions().forEach((k, v) -> body.set(k, json.valueToTree(v)));
        ctx.contentType("application/json").result(json.writeValueAsBytes(body));
    }

    private void stream(Context ctx, CompletionRequest request, Reply reply, String promptParam) throws IOException {
        var events = new LinkedBlockingQueue<Object>(); // String text pieces, heartbeats, then the Completion
        TrackedGeneration generation = server.generations().submit(request.endpoint(), promptParam, request.promptTokens(),
                request.options(), new TokenSink() {
                    private long lastEvent = System.nanoTime();

                    @Override
                    public void onText(String delta) {
                        events.add(delta);
                        lastEvent = System.nanoTime();
                    }

                    @Override
                    public void onToken(int id) {
                        // Tokens that add no text yet (control tokens, part of a character) write nothing; a
                        // heartbeat now and then still probes the connection, so a client that left is noticed.
                        long now = System.nanoTime();
                        if (now - lastEvent > HEARTBEAT_NANOS) {
                            events.add(HEARTBEAT);
                            lastEvent = now;
                        }
                    }
                });
        generation.result().thenAccept(events::add);
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no"); // tells reverse proxies not to buffer the stream
        var sse = new SseWriter(res.getOutputStream(), json);
        long keepAliveNanos = server.config().keepAliveInterval().toNanos();
        // A held stream collects the text and sends it only after the hook's review (see CompletionHook.holdsStream).
        StringBuilder held = hook.holdsStream(request) ? new StringBuilder() : null;
        long lastWrite = System.nanoTime();
        try {
            ObjectNode opening = reply.chunk(json, request.includeUsage());
            if (reply.shape.opening(choiceOf(opening))) {
                sse.data(opening);
            }
            while (true) {
                Object event = events.poll(keepAliveNanos, TimeUnit.NANOSECONDS);
                // Probe the connection when nothing else is written: idle waits, tokens without text, or
                // a held (governed) stream that writes nothing until its review.
                if (event == null || event == HEARTBEAT
                        || (held != null && System.nanoTime() - lastWrite > HEARTBEAT_NANOS)) {
                    sse.comment("keep-alive");
                    lastWrite = System.nanoTime();
                }
                if (event instanceof Completion c) {
                    finish(sse, request, reply, c, held);
                    return;
                } else if (event instanceof String first) {
                    // Coalesce what piled up while the last chunk was written: fewer, larger writes under load.
                    var text = new StringBuilder(first);
                    while (events.peek() instanceof String more) {
                        events.poll();
                        text.append(more);
                    }
                    if (held != null) {
                        held.append(text);
                        continue;
                    }
                    ObjectNode chunk = reply.chunk(json, request.includeUsage());
                    reply.shape.delta(choiceOf(chunk), text.toString());
                    sse.data(chunk);
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException | InterruptedException clientGone) {
            generation.cancel();
            if (clientGone instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The end of a stream; {@code held} is the text held back for the review, or null when it was streamed. */
    private void finish(SseWriter sse, CompletionRequest request, Reply reply, Completion c, StringBuilder held)
            throws IOException {
        ApiException failure = failure(c);
        if (failure != null) {
            // Headers are sent: OpenAI's clients read an error event in the stream and raise it.
            sse.data(failure.envelope(json));
            sse.done();
            return;
        }
        CompletionReview review = hook.afterGeneration(request, c);
        if (held != null && !review.blocked()) {
            String text = review.text() != null ? review.text() : held.toString();
            if (!text.isEmpty()) {
                ObjectNode chunk = reply.chunk(json, request.includeUsage());
                reply.shape.delta(choiceOf(chunk), text);
                sse.data(chunk);
            }
        }
        ObjectNode last = reply.chunk(json, request.includeUsage());
        ObjectNode choice = choiceOf(last);
        reply.shape.closing(choice);
        choice.put("finish_reason", finishReason(c, review));
        review.extensions().forEach((k, v) -> last.set(k, json.valueToTree(v)));
        sse.data(last);
        if (request.includeUsage()) {
            ObjectNode usage = reply.envelope(json, reply.shape.chunkObject);
            usage.putArray("choices");
            usage.set("usage", usage(c));
            sse.data(usage);
        }
        sse.done();
    }

    /** The error a generation that did not end normally answers with, or null. */
    private ApiException failure(Completion c) {
        return switch (c.finishReason()) {
            case STOP, LENGTH, CONTENT_FILTER -> null;
            case TIMEOUT -> ApiException.timeout("The generation exceeded the server's time limit of "
                    + server.config().requestTimeout().toSeconds() + " s (" + c.completionTokens() + " tokens generated).");
            case CANCELLED -> ApiException.unavailable("The generation was cancelled: the server is shutting down.");
            case ERROR -> ApiException.serverError("The generation failed: " + c.error());
        };
    }

    private static String finishReason(Completion c, CompletionReview review) {
        return review.blocked() ? FinishReason.CONTENT_FILTER.openAiName() : c.finishReason().openAiName();
    }

    private ObjectNode usage(Completion c) {
        ObjectNode u = json.createObjectNode();
        u.put("prompt_tokens", c.promptTokens());
        u.put("completion_tokens", c.completionTokens());
        u.put("total_tokens", c.promptTokens() + c.completionTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", c.cachedPromptTokens());
        return u;
    }

    private static ObjectNode choiceOf(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0);
    }

    /** What every object of one response repeats: id, creation time, the model id as the client named it. */
    private record Reply(ResponseShape shape, String id, long created, String model) {
        ObjectNode envelope(ObjectMapper json, String object) {
            ObjectNode o = json.createObjectNode();
            o.put("id", id);
            o.put("object", object);
            o.put("created", created);
            o.put("model", model);
            return o;
        }

        /** A streamed chunk with one choice whose text and finish reason are still to be filled. */
        ObjectNode chunk(ObjectMapper json, boolean includeUsage) {
            ObjectNode o = envelope(json, shape.chunkObject);
            ObjectNode choice = o.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            if (includeUsage) {
                o.putNull("usage"); // as OpenAI: every chunk says usage is null until the last one
            }
            return o;
        }
    }
}
