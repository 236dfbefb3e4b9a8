package io.qat4j.guard.rule;

import java.util.List;

/**
 * Words written in capitals ("FREE", "NOW") with at least {@code min_letters} letters. Acronyms in
 * {@code allow} and the words of product names are exempt.
 */
public record AllCaps(Integer minLetters, List<String> allow) implements TextRuleSpec {

    public AllCaps {
        minLetters = Checks.atLeast(minLetters, 2, 3, "min_letters");
        allow = Checks.orEmpty(allow);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.ALL_CAPS;
    }
}
