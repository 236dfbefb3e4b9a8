package io.qat4j.server.governance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.check.FixResult;
import io.qat4j.guard.reask.GuardedResult;
import io.qat4j.guard.rule.Length;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.infer.generate.Completion;
import io.qat4j.server.CompletionHook;
import io.qat4j.server.CompletionRequest;
import io.qat4j.server.CompletionReview;

/**
 * Governs every completion of the OpenAI endpoints with the guideline in force:
 * <ol>
 *   <li>before: the prompt and settings are checked; a blocking finding refuses the request
 *       (400 {@code guideline_violation}, nothing generated); otherwise the guideline's decode-time
 *       constraint is added (a new processor per generation);
 *   <li>after: the answer is checked, {@code fix} edits applied, and for chat completions
 *       {@code reask} findings regenerate it (bounded); a blocking finding withholds it
 *       (finish_reason {@code content_filter});
 *   <li>every response carries the verdict in {@code qat4j_verdict} and the outcome in
 *       {@code qat4j_governance} ({@code status}, {@code attempts}, {@code guideline}), fields
 *       OpenAI clients ignore.
 * </ol>
 * Streams: when the guideline has output rules that block, fix or re-ask, a stream is held back
 * until the answer is checked and then sent as one piece (or not at all), so nothing blocked or
 * unfixed ever reaches the client; otherwise it streams live and the verdict comes on its last
 * chunk. A request may name its channel (length bounds) in the extension field {@code qat4j_channel}.
 */
public final class GovernanceHook implements CompletionHook {
    static final String CHAT = "/v1/chat/completions";

    private final GovernedModel governed;

    public GovernanceHook(GovernedModel governed) {
        this.governed = governed;
    }

    @Override
    public CompletionRequest beforeGeneration(CompletionRequest request) {
        Optional<ActiveGuideline> g = governed.guideline();
        if (g.isEmpty()) {
            return request;
        }
        Verdict verdict = g.get().checker().checkRequest(requestOf(request));
        if (verdict.blocked()) {
            throw new GuidelineRefusal(verdict);
        }
        return request.withOptions(governed.constrained(g.get(), request.options()));
    }

    @Override
    public boolean holdsStream(CompletionRequest request) {
        return governed.guideline().map(ActiveGuideline::mayChangeOutput).orElse(false);
    }

    @Override
    public CompletionReview afterGeneration(CompletionRequest request, Completion completion) {
        Optional<ActiveGuideline> active = governed.guideline();
        if (active.isEmpty()) {
            return CompletionReview.PASS;
        }
        ActiveGuideline g = active.get();
        String channel = channel(request);
        boolean streamedLive = request.stream() && !g.mayChangeOutput();
        String text = completion.text();
        Verdict verdict;
        String finalText;
        String status;
        int attempts = 1;
        if (streamedLive) {
            // Already sent: report, change nothing.
            verdict = g.checker().check(text, channel);
            finalText = text;
            status = verdict.passed() ? "passed" : "failed";
        } else if (request.endpoint().equals(CHAT)) {
            Verdict requestVerdict = g.checker().checkRequest(requestOf(request));
            GuardedResult r = governed.guarded(g, request.options()).review(requestVerdict, request.messages(), text,
                    channel);
            verdict = r.verdict();
            finalText = r.text();
            status = r.status().name().toLowerCase(java.util.Locale.ROOT);
            attempts = r.attempts().size();
        } else {
            FixResult fixed = g.checker().fix(text, channel);
            verdict = fixed.verdict();
            finalText = fixed.text();
            status = verdict.blocked() ? "blocked" : verdict.passed() ? "passed" : "failed";
        }
        var outcome = new LinkedHashMap<String, Object>();
        outcome.put("status", status);
        outcome.put("attempts", attempts);
        outcome.put("guideline", g.id());
        boolean changed = !finalText.equals(text);
        outcome.put("changed", changed);
        if (changed) {
            // The verdict above is the changed text's; say what the generated text had, so a client can see
            // why it was changed (fixed terms, added disclaimers, or a re-asked answer).
            outcome.put("findings_before_changes", g.checker().check(text, channel).findings().stream()
                    .map(Finding::ruleId).distinct().toList());
        }
        Map<String, Object> extensions = new LinkedHashMap<>(); // a stable order in every response
        extensions.put("qat4j_verdict", verdict);
        extensions.put("qat4j_governance", outcome);
        return new CompletionReview(verdict.blocked(), extensions, streamedLive || finalText.equals(text) ? null : finalText);
    }

    private GenerationRequest requestOf(CompletionRequest request) {
        return governed.request(request.messages(), request.prompt(), request.options());
    }

    private static String channel(CompletionRequest request) {
        var node = request.body().get("qat4j_channel");
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : Length.DEFAULT_CHANNEL;
    }
}
