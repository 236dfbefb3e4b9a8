package io.qat4j.guard.rule;

import java.util.List;

/**
 * A disclaimer that must be present whenever the text touches a topic. Presence is checked
 * case-insensitively with whitespace runs treated as one space; any of the listed wordings counts.
 * The fix appends the first wording as a new paragraph.
 *
 * @param when       the topic's triggers
 * @param disclaimer the accepted wordings (a single string is accepted too)
 */
public record RequiredDisclaimer(Topics when, List<String> disclaimer) implements TextRuleSpec {

    public RequiredDisclaimer {
        if (when == null) {
            throw new IllegalArgumentException("'when' is required (keywords or patterns that trigger the disclaimer)");
        }
        disclaimer = Checks.nonEmpty(disclaimer, "disclaimer").stream().map(String::strip).toList();
    }

    @Override
    public RuleKind kind() {
        return RuleKind.REQUIRED_DISCLAIMER;
    }
}
