package io.qat4j.guard.rule;

import java.util.List;

/**
 * Competitor names that must not be mentioned.
 *
 * @param names   the names; a {@code use} gives a neutral wording to put instead
 * @param inflect default false (names don't inflect; "Acme's" matches anyway)
 * @param decode  mask the names at decode time; default true
 */
public record Competitors(List<Term> names, Boolean inflect, Boolean decode) implements PhraseRuleSpec {

    public Competitors {
        names = Checks.nonEmpty(names, "names");
        inflect = inflect != null && inflect;
        decode = decode == null || decode;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.COMPETITORS;
    }

    @Override
    public List<Term> phrases() {
        return names;
    }
}
