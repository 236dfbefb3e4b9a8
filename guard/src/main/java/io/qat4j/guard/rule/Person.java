package io.qat4j.guard.rule;

import java.util.List;

/**
 * The voice's grammatical person: pronouns of a {@code forbid}den form are findings ("I" in a
 * brand that speaks as "we"; "US" in capitals is the country, not "us"); a {@code require}d form
 * must appear at least once (e.g. second person: address the reader).
 */
public record Person(List<PersonForm> forbid, List<PersonForm> require) implements TextRuleSpec {

    public Person {
        forbid = Checks.orEmpty(forbid);
        require = Checks.orEmpty(require);
        if (forbid.isEmpty() && require.isEmpty()) {
            throw new IllegalArgumentException("'forbid' or 'require' must list at least one of "
                    + io.qat4j.guard.Labels.allowed(PersonForm.class));
        }
        for (PersonForm f : forbid) {
            if (require.contains(f)) {
                throw new IllegalArgumentException("'" + f.label() + "' is both forbidden and required");
            }
        }
    }

    @Override
    public RuleKind kind() {
        return RuleKind.PERSON;
    }
}
