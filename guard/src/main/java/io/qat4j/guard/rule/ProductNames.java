package io.qat4j.guard.rule;

import java.util.List;

/**
 * Product names with their one correct spelling: any other casing ("Qat4j cloud" for "QAT4J
 * Cloud") is a finding whose fix is the correct spelling. Their words are also exempt from the
 * ALL-CAPS rule.
 */
public record ProductNames(List<String> names) implements TextRuleSpec {

    public ProductNames {
        names = Checks.nonEmpty(names, "names").stream().map(String::strip).toList();
    }

    @Override
    public RuleKind kind() {
        return RuleKind.PRODUCT_NAMES;
    }
}
