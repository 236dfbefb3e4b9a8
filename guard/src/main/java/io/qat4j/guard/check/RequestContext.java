package io.qat4j.guard.check;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.rule.PromptPart;
import io.qat4j.guard.text.NormalizedText;

/** A request being checked, with each prompt scanned once for the request rules' phrases. */
final class RequestContext {
    private final GenerationRequest request;
    private final PhraseIndex phrases;
    private final Map<PromptPart, List<List<PhraseIndex.Hit>>> hits = new EnumMap<>(PromptPart.class);

    RequestContext(GenerationRequest request, PhraseIndex phrases) {
        this.request = request;
        this.phrases = phrases;
    }

    GenerationRequest request() {
        return request;
    }

    /** The prompt's text, empty when the request has none. */
    String prompt(PromptPart part) {
        String s = part == PromptPart.SYSTEM ? request.systemPrompt() : request.userPrompt();
        return s == null ? "" : s;
    }

    List<PhraseIndex.Hit> hits(PromptPart part, int owner) {
        return hits.computeIfAbsent(part, p -> phrases.scan(NormalizedText.of(prompt(p)))).get(owner);
    }
}
