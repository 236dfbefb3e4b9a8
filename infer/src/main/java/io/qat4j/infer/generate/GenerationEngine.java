package io.qat4j.infer.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.qat4j.core.tokenizer.IncrementalDecoder;
import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.infer.ForwardBuffers;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.InferenceState;
import io.qat4j.infer.sampling.Sampler;

/**
 * Runs generations for many callers on one model with continuous batching: a fixed number of sequence
 * slots, a bounded queue in front of them, and one engine thread that, at every step, evaluates the
 * next token of every decoding slot together with a chunk of one slot's prompt in a single forward
 * pass (so aggregate throughput rises with concurrency).
 *
 * <p>A slot keeps its KV cache after a request ends; a new request whose prompt shares a prefix with
 * what a free slot holds (a repeated system prompt) reuses those entries instead of evaluating them
 * again. Thread-safe: {@link #submit} may be called from any thread.
 */
public final class GenerationEngine implements AutoCloseable {

    /**
     * @param slots          sequences generated concurrently
     * @param contextSize    tokens per sequence (prompt + generation)
     * @param queueCapacity  requests that may wait for a slot before {@link QueueFullException}
     * @param prefillChunk   prompt tokens evaluated per step (bounds the latency other slots see)
     * @param reusePrefixes  keep full caches on sliding-window layers so prefixes can be reused
     */
    public record Config(int slots, int contextSize, int queueCapacity, int prefillChunk, boolean reusePrefixes) {
        public Config {
            if (slots < 1 || contextSize < 1 || queueCapacity < 0 || prefillChunk < 1) {
                throw new IllegalArgumentException("engine needs ≥ 1 slot, a positive context and prefill chunk, and a queue ≥ 0");
            }
        }

        public static Config single(int contextSize) {
            return new Config(1, contextSize, 0, 256, false);
        }
    }

    /** Counters for metrics. */
    public record Stats(long requests, long promptTokens, long cachedPromptTokens, long generatedTokens, int activeSlots,
            int queued) {}

    private final Gemma3Model model;
    private final Tokenizer tokenizer;
    private final Config config;
    private final Slot[] slots;
    private final ForwardBuffers buffers;
    private final float[] logits;
    // Per-step batch description, reused so a step allocates nothing.
    private final InferenceState[] owners;
    private final int[] tokens;
    private final boolean[] want;
    private final Slot[] logitOwner;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;
    private int prefillTurn;
    private long requests;
    private long promptTokens;
    private long cachedTokens;
    private long generatedTokens;

    public GenerationEngine(Gemma3Model model, Tokenizer tokenizer, Config config) {
        if (config.contextSize() > model.config().contextLength()) {
            throw new IllegalArgumentException("context size " + config.contextSize() + " exceeds the model's "
                    + model.config().contextLength());
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.config = config;
        int chunk = Math.min(config.prefillChunk(), config.contextSize());
        this.slots = new Slot[config.slots()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(model.newState(config.contextSize(), chunk, config.reusePrefixes()));
        }
        int capacity = config.slots() + chunk;
        this.buffers = new ForwardBuffers(model.config(), capacity);
        this.logits = new float[Math.multiplyExact(capacity, model.config().vocabSize())];
        this.owners = new InferenceState[capacity];
        this.tokens = new int[capacity];
        this.want = new boolean[capacity];
        this.logitOwner = new Slot[capacity];
        this.thread = Thread.ofPlatform().name("qat4j-engine").daemon().start(this::loop);
    }

    public Config config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Gemma3Model model() {
        return model;
    }

    /**
     * Queues a generation for {@code prompt} (token ids, BOS included if wanted).
     *
     * @throws QueueFullException       when every slot is busy and the queue is full
     * @throws IllegalArgumentException when the prompt is empty or leaves no room in the context
     */
    public GenerationHandle submit(int[] prompt, GenerationOptions options, TokenSink sink) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (prompt.length >= config.contextSize()) {
            throw new ContextOverflowException(prompt.length, config.contextSize());
        }
        int vocab = model.config().vocabSize();
        for (int id : prompt) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the model's vocabulary [0, " + vocab + ")");
            }
        }
        var handle = new GenerationHandle();
        var req = new Request(prompt.clone(), options, sink == null ? TokenSink.NONE : sink, handle);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the generation engine is closed");
            }
            int busy = 0;
            for (Slot s : slots) {
                busy += s.request != null ? 1 : 0;
            }
            if (busy + queue.size() >= slots.length + config.queueCapacity()) {
                throw new QueueFullException(config.queueCapacity());
            }
            queue.add(req);
            work.signal();
        } finally {
            lock.unlock();
        }
        return handle;
    }

    public Stats stats() {
        lock.lock();
        try {
            int active = 0;
            for (Slot s : slots) {
                active += s.request != null ? 1 : 0;
            }
            return new Stats(requests, promptTokens, cachedTokens, generatedTokens, active, queue.size());
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (!step()) {
                    lock.lock();
                    try {
                        while (!closed && queue.isEmpty() && !anyActive()) {
                            work.await();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                failActive(t);
            }
        }
    }

    /** One engine step; false when there was nothing to do. */
    private boolean step() {
        admit();
        reapCancelled();
        int n = 0;
        int vocab = model.config().vocabSize();
        int wanted = 0;
        for (Slot s : slots) {
            if (s.request != null && s.phase == Phase.DECODE) {
                owners[n] = s.state;
                tokens[n] = s.pendingToken;
                want[n] = true;
                logitOwner[wanted++] = s;
                n++;
            }
        }
        Slot prefill = nextPrefillSlot();
        int prefillCount = 0;
        if (prefill != null) {
            Request r = prefill.request;
            prefillCount = Math.min(prefill.state.maxBatch(), r.prompt.length - prefill.promptPos);
            prefillCount = Math.min(prefillCount, buffers.capacity() - n);
            for (int i = 0; i < prefillCount; i++) {
                owners[n] = prefill.state;
                tokens[n] = r.prompt[prefill.promptPos + i];
                boolean last = prefill.promptPos + i == r.prompt.length - 1;
                want[n] = last;
                if (last) {
                    logitOwner[wanted++] = prefill;
                }
                n++;
            }
            if (r.prefillStart == 0) {
                r.prefillStart = System.nanoTime();
            }
        }
        if (n == 0) {
            return false;
        }
        model.forwardMany(buffers, owners, tokens, n, want, logits);
        if (prefill != null) {
            prefill.promptPos += prefillCount;
            prefill.cachedLength = prefill.state.position();
        }
        for (int i = 0; i < wanted; i++) {
            Slot s = logitOwner[i];
            if (s.phase == Phase.DECODE) {
                s.cachedLength = s.state.position();
            }
            System.arraycopy(logits, i * vocab, s.scratch, 0, vocab);
            if (s.phase == Phase.PREFILL) {
                s.phase = Phase.DECODE;
                s.request.firstTokenAt = System.nanoTime();
                if (s.request.options.maxTokens() == 0) {
                    finish(s, FinishReason.LENGTH, null);
                    continue;
                }
            }
            accept(s, s.sampler.sample(s.scratch, vocab, s.history, s.historyLength));
        }
        return true;
    }

    /** Handles one sampled token of slot s: stop, emit, or queue it as the next input. */
    private void accept(Slot s, int token) {
        Request r = s.request;
        if (tokenizer.isEndOfGeneration(token)) {
            finish(s, FinishReason.STOP, null);
            return;
        }
        s.generated++;
        s.history[s.historyLength++] = token;
        try {
            r.sink.onToken(token);
            String released = s.stopFilter.accept(s.decoder.next(token));
            if (!released.isEmpty()) {
                s.text.append(released);
                r.sink.onText(released);
            }
        } catch (RuntimeException sinkFailure) {
            r.handle.cancel();
            finish(s, FinishReason.CANCELLED, null);
            return;
        }
        if (s.stopFilter.stopped()) {
            finish(s, FinishReason.STOP, null);
        } else if (s.generated >= r.options.maxTokens() || s.state.position() + 1 > config.contextSize()) {
            finish(s, FinishReason.LENGTH, null);
        } else {
            s.pendingToken = token;
        }
    }

    private void finish(Slot s, FinishReason reason, Throwable error) {
        Request r = s.request;
        if (reason != FinishReason.STOP || !s.stopFilter.stopped()) {
            String tail = s.stopFilter.accept(s.decoder.finish()) + s.stopFilter.flush();
            if (!tail.isEmpty() && error == null) {
                s.text.append(tail);
                try {
                    r.sink.onText(tail);
                } catch (RuntimeException ignored) {
                    // The client is gone; the result still completes.
                }
            }
        }
        long now = System.nanoTime();
        long prefillNanos = r.firstTokenAt > 0 ? r.firstTokenAt - r.prefillStart : r.prefillStart > 0 ? now - r.prefillStart : 0;
        long decodeNanos = r.firstTokenAt > 0 ? now - r.firstTokenAt : 0;
        long queueNanos = (r.prefillStart > 0 ? r.prefillStart : now) - r.submitted;
        var c = new Completion(s.text.toString(), reason, r.prompt.length, s.reused, s.generated, prefillNanos,
                decodeNanos, queueNanos, error);
        // The cache holds the prompt and the tokens fed back so far: remember them for prefix reuse.
        System.arraycopy(s.history, 0, s.cached, 0, s.cachedLength);
        if (error != null) {
            s.cachedLength = 0;
            s.state.rewind(0);
        }
        lock.lock();
        try {
            generatedTokens += s.generated;
            s.request = null;
            s.phase = Phase.IDLE;
        } finally {
            lock.unlock();
        }
        r.handle.complete(c);
    }

    /** Moves queued requests into free slots, preferring the slot whose cache shares the longest prefix. */
    private void admit() {
        lock.lock();
        try {
            long now = System.nanoTime();
            // A waiting request that was cancelled or ran out of time ends here, wherever it is in the queue.
            for (var it = queue.iterator(); it.hasNext(); ) {
                Request r = it.next();
                boolean expired = r.expired(now);
                if (r.handle.isCancelled() || expired) {
                    it.remove();
                    r.handle.complete(new Completion("", expired ? FinishReason.TIMEOUT : FinishReason.CANCELLED,
                            r.prompt.length, 0, 0, 0, 0, now - r.submitted, null));
                }
            }
            while (!queue.isEmpty()) {
                Request r = queue.peek();
                Slot best = null;
                int bestReuse = -1;
                for (Slot s : slots) {
                    if (s.request != null) {
                        continue;
                    }
                    int reuse = reusable(s, r.prompt);
                    if (reuse > bestReuse) {
                        best = s;
                        bestReuse = reuse;
                    }
                }
                if (best == null) {
                    return;
                }
                queue.poll();
                best.start(r, bestReuse);
                requests++;
                promptTokens += r.prompt.length;
                cachedTokens += bestReuse;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Prompt tokens slot s can keep: the common prefix, less one so the last prompt token is evaluated. */
    private static int reusable(Slot s, int[] prompt) {
        int max = Math.min(s.cachedLength, prompt.length - 1);
        int k = 0;
        while (k < max && s.cached[k] == prompt[k]) {
            k++;
        }
        while (k > 0 && !s.state.canRewind(k)) {
            k--;
        }
        return s.state.canRewind(k) ? k : 0;
    }

    private void reapCancelled() {
        long now = System.nanoTime();
        for (Slot s : slots) {
            Request r = s.request;
            if (r == null) {
                continue;
            }
            if (r.handle.isCancelled()) {
                finish(s, FinishReason.CANCELLED, null);
            } else if (r.expired(now)) {
                finish(s, FinishReason.TIMEOUT, null);
            }
        }
    }

    private Slot nextPrefillSlot() {
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[(prefillTurn + i) % slots.length];
            if (s.request != null && s.phase == Phase.PREFILL) {
                prefillTurn = (prefillTurn + i + 1) % slots.length;
                return s;
            }
        }
        return null;
    }

    private boolean anyActive() {
        for (Slot s : slots) {
            if (s.request != null) {
                return true;
            }
        }
        return false;
    }

    private void failActive(Throwable t) {
        for (Slot s : slots) {
            if (s.request != null) {
                try {
                    finish(s, FinishReason.ERROR, t);
                } catch (RuntimeException e) {
                    t.addSuppressed(e);
                    s.request.handle.complete(new Completion("", FinishReason.ERROR, s.request.prompt.length, 0, 0, 0, 0, 0, t));
                    s.request = null;
                    s.phase = Phase.IDLE;
                }
            }
        }
    }

    /** Stops the engine: queued and running generations complete as CANCELLED. */
    @Override
    public void close() {
        List<Request> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped.addAll(queue);
            queue.clear();
            for (Slot s : slots) {
                if (s.request != null) {
                    s.request.handle.cancel();
                }
            }
            work.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot s : slots) {
            if (s.request != null) {
                finish(s, FinishReason.CANCELLED, null);
            }
        }
        for (Request r : dropped) {
            r.handle.complete(new Completion("", FinishReason.CANCELLED, r.prompt.length, 0, 0, 0, 0, 0, null));
        }
    }

    private enum Phase { IDLE, PREFILL, DECODE }

    private static final class Request {
        final int[] prompt;
        final GenerationOptions options;
        final TokenSink sink;
        final GenerationHandle handle;
        final long submitted = System.nanoTime();
        final long deadline;
        long prefillStart;
        long firstTokenAt;

        Request(int[] prompt, GenerationOptions options, TokenSink sink, GenerationHandle handle) {
            this.prompt = prompt;
            this.options = options;
            this.sink = sink;
            this.handle = handle;
            this.deadline = options.timeout() == null ? 0 : submitted + options.timeout().toNanos();
        }

        boolean expired(long now) {
            return options.timeout() != null && now - deadline > 0;
        }
    }

    private final class Slot {
        final InferenceState state;
        final int[] cached;
        final int[] history;
        final float[] scratch;
        int cachedLength;
        Request request;
        Phase phase = Phase.IDLE;
        int promptPos;
        int reused;
        int pendingToken;
        int generated;
        int historyLength;
        Sampler sampler;
        IncrementalDecoder decoder;
        StopStringFilter stopFilter;
        final StringBuilder text = new StringBuilder();

        Slot(InferenceState state) {
            this.state = state;
            this.cached = new int[config.contextSize()];
            // The prompt and every generated token: one more than the context, since the token sampled
            // from the last position's logits is emitted though never evaluated.
            this.history = new int[config.contextSize() + 1];
            this.scratch = new float[model.config().vocabSize()];
        }

        void start(Request r, int reuse) {
            state.rewind(reuse);
            cachedLength = reuse;
            request = r;
            phase = Phase.PREFILL;
            promptPos = reuse;
            reused = reuse;
            generated = 0;
            System.arraycopy(r.prompt, 0, history, 0, r.prompt.length);
            historyLength = r.prompt.length;
            sampler = new Sampler(r.options.sampler(), r.options.processors());
            decoder = tokenizer.newDecoder(true);
            stopFilter = new StopStringFilter(r.options.stop());
            text.setLength(0);
            Arrays.fill(scratch, 0f);
        }
    }
}
