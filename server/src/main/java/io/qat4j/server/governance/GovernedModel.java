package io.qat4j.server.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.decode.DecodeConstraint;
import io.qat4j.guard.reask.GuardedGenerator;
import io.qat4j.guard.reask.LocalModelGenerator;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.sampling.LogitProcessor;

/**
 * The served model under the guideline in force: builds the request the prompt rules see, the
 * decode-time constraint of each guideline version (once, cached), generators for re-asks, and
 * the model file's SHA-256 for provenance (computed once, on first use).
 */
public final class GovernedModel {
    private final LocalModel model;
    private final GuidelineSource source;
    private final int maxReasks;
    private final Map<String, DecodeConstraint> constraints = new ConcurrentHashMap<>();
    private volatile String sha256;

    /** @param maxReasks how often an answer with {@code reask} findings is regenerated (bounded) */
    public GovernedModel(LocalModel model, GuidelineSource source, int maxReasks) {
        if (maxReasks < 0) {
            throw new IllegalArgumentException("max re-asks must be ≥ 0, got " + maxReasks);
        }
        this.model = model;
        this.source = source;
        this.maxReasks = maxReasks;
    }

    public LocalModel model() {
        return model;
    }

    public Optional<ActiveGuideline> guideline() {
        return source.current();
    }

    /** The model's file name: what {@code allowed-models} rules match. */
    public String modelFile() {
        return model.path().getFileName().toString();
    }

    /** Hex SHA-256 of the model file. */
    public String modelSha256() {
        String s = sha256;
        if (s == null) {
            synchronized (this) {
                if (sha256 == null) {
                    sha256 = hashFile();
                }
                s = sha256;
            }
        }
        return s;
    }

    /** A request as the prompt and configuration rules see it: every system and user message, the effective settings. */
    public GenerationRequest request(List<ChatMessage> messages, String rawPrompt, GenerationOptions options) {
        String system = join(messages, ChatMessage.Role.SYSTEM);
        String user = messages.isEmpty() ? rawPrompt : join(messages, ChatMessage.Role.USER);
        var s = options.sampler();
        return new GenerationRequest(modelFile(), system, user, (double) s.temperature(), (double) s.topP(),
                options.maxTokens());
    }

    /** The options with a fresh decode-time constraint of {@code g} (replacing any earlier one). */
    public GenerationOptions constrained(ActiveGuideline g, GenerationOptions options) {
        var processors = new ArrayList<LogitProcessor>();
        for (LogitProcessor p : options.processors()) {
            if (!(p instanceof GuidelineProcessor)) {
                processors.add(p);
            }
        }
        DecodeConstraint constraint = constraints.computeIfAbsent(g.id(),
                id -> DecodeConstraint.fromGuidelines(g.guidelines(), model.tokenizer()));
        if (!constraint.isEmpty()) {
            processors.add(new GuidelineProcessor(constraint.newProcessor()));
        }
        return options.withProcessors(processors);
    }

    /** Generates with {@code options} under {@code g}, re-asking as its rules say. */
    public GuardedGenerator guarded(ActiveGuideline g, GenerationOptions options) {
        return new GuardedGenerator(g.checker(), new LocalModelGenerator(model, () -> constrained(g, options)), maxReasks);
    }

    private static String join(List<ChatMessage> messages, ChatMessage.Role role) {
        String joined = messages.stream().filter(m -> m.role() == role).map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        return joined.isEmpty() ? null : joined;
    }

    private String hashFile() {
        try (InputStream in = new DigestInputStream(Files.newInputStream(model.path()), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model.path() + " to hash it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Marks the guideline's constraint among a request's processors, so a re-ask can replace it. */
    private record GuidelineProcessor(LogitProcessor inner) implements LogitProcessor {
        @Override
        public void process(float[] logits, int vocab, int[] history, int historyLength) {
            inner.process(logits, vocab, history, historyLength);
        }
    }
}
