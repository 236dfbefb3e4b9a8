package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.ProductNames;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;

/** A product name in any casing other than its own ("Qat4j cloud") is fixed to the right one. */
final class ProductNameCheck implements TextCheck {
    private final Rule rule;
    private final int owner;

    ProductNameCheck(Rule rule, ProductNames spec, PhraseIndex.Builder index) {
        this.rule = rule;
        this.owner = index.newOwner();
        for (String name : spec.names()) {
            index.add(owner, new TermForm(new Term(name, name, true, false), name, null));
        }
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public void check(TextContext context, List<Finding> out) {
        String text = context.text();
        for (PhraseIndex.Hit hit : context.hits(owner)) {
            String found = text.substring(hit.start(), hit.end());
            String canonical = hit.form().text();
            if (!Casing.sameSpelling(found, canonical)) {
                out.add(Findings.at(rule, text, hit.start(), hit.end(),
                        "'" + found + "' should be written '" + canonical + "'", "write '" + canonical + "'",
                        new Edit(hit.start(), hit.end(), canonical)));
            }
        }
    }
}
