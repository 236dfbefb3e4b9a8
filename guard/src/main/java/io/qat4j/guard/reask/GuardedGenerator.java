package io.qat4j.guard.reask;

import java.util.ArrayList;
import java.util.List;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.check.FixResult;
import io.qat4j.guard.reask.GuardedResult.Attempt;
import io.qat4j.guard.rule.Length;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Verdict;

/**
 * Generation under a guideline:
 * <ol>
 *   <li>check the request; a blocking finding refuses it (nothing is generated);
 *   <li>generate, apply the {@code fix} edits and check the output;
 *   <li>if a blocking rule fired, stop: BLOCKED;
 *   <li>if findings ask to {@code reask} and retries remain, send the model its answer and a
 *       message listing those findings, and go to 2;
 *   <li>otherwise decide: review findings of required rules, or their reask findings left after
 *       the last retry, mean NEEDS_REVIEW; else PASSED or FAILED per the verdict.
 * </ol>
 * At most {@code 1 + maxReasks} generations happen; fewer when the generator cannot take a longer
 * conversation ({@link GenerationUnavailableException}): then the last answer is decided on.
 */
public final class GuardedGenerator {
    private final Checker checker;
    private final TextGenerator generator;
    private final int maxReasks;

    public GuardedGenerator(Checker checker, TextGenerator generator, int maxReasks) {
        if (maxReasks < 0) {
            throw new IllegalArgumentException("maxReasks must be ≥ 0, got " + maxReasks);
        }
        this.checker = checker;
        this.generator = generator;
        this.maxReasks = maxReasks;
    }

    public GuardedResult generate(GenerationRequest request) {
        return generate(request, Length.DEFAULT_CHANNEL);
    }

    public GuardedResult generate(GenerationRequest request, String channel) {
        Verdict requestVerdict = checker.checkRequest(request);
        if (requestVerdict.blocked()) {
            return new GuardedResult(GuardedResult.Status.REFUSED, null, requestVerdict, null, List.of());
        }
        var messages = new ArrayList<ChatMessage>();
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            messages.add(ChatMessage.system(request.systemPrompt()));
        }
        messages.add(ChatMessage.user(request.userPrompt() == null ? "" : request.userPrompt()));
        return govern(requestVerdict, messages, null, channel);
    }

    /**
     * Steps 2–5 for a whole conversation whose request the caller checked already (a server):
     * {@code firstAnswer}, when given, counts as the first generation (it was generated elsewhere,
     * e.g. streamed); re-asks, if any, go to this generator.
     *
     * @param requestVerdict the request's check, which did not block
     * @param firstAnswer    the answer generated already, or null to generate it here
     */
    public GuardedResult review(Verdict requestVerdict, List<ChatMessage> conversation, String firstAnswer,
            String channel) {
        return govern(requestVerdict, new ArrayList<>(conversation), firstAnswer, channel);
    }

    private GuardedResult govern(Verdict requestVerdict, List<ChatMessage> messages, String firstAnswer, String channel) {
        var attempts = new ArrayList<Attempt>();
        String pending = firstAnswer;
        while (true) {
            String generated;
            if (pending != null) {
                generated = pending;
                pending = null;
            } else {
                try {
                    generated = generator.generate(List.copyOf(messages));
                } catch (GenerationUnavailableException e) {
                    if (attempts.isEmpty()) {
                        throw e;
                    }
                    Attempt last = attempts.getLast();
                    return new GuardedResult(decide(last.verdict(), last.verdict().findings(OnFail.REASK)), last.fixed(),
                            requestVerdict, last.verdict(), attempts);
                }
            }
            FixResult fixed = checker.fix(generated == null ? "" : generated, channel);
            Verdict verdict = fixed.verdict();
            attempts.add(new Attempt(generated, fixed.text(), verdict));
            List<Finding> reask = verdict.findings(OnFail.REASK);
            if (verdict.blocked()) {
                return new GuardedResult(GuardedResult.Status.BLOCKED, fixed.text(), requestVerdict, verdict, attempts);
            }
            if (reask.isEmpty() || attempts.size() > maxReasks) {
                return new GuardedResult(decide(verdict, reask), fixed.text(), requestVerdict, verdict, attempts);
            }
            messages.add(ChatMessage.assistant(fixed.text()));
            messages.add(ChatMessage.user(Feedback.forFindings(reask)));
        }
    }

    /** Only required rules hold a text for review: recommended ones advise. */
    private static GuardedResult.Status decide(Verdict verdict, List<Finding> unresolvedReask) {
        boolean held = unresolvedReask.stream().anyMatch(Finding::isRequired)
                || verdict.findings(OnFail.REVIEW).stream().anyMatch(Finding::isRequired);
        if (held) {
            return GuardedResult.Status.NEEDS_REVIEW;
        }
        return verdict.passed() ? GuardedResult.Status.PASSED : GuardedResult.Status.FAILED;
    }
}
