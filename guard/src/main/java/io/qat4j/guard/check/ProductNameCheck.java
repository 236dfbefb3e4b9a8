package io.qat4j.guard.check;

import java.util.List;

import io.qat4j.guard.rule.ProductNames;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;

/** A product name in any casing other than its own ("Qat4j cloud") is fixed to the right one. */
record ProductNameCheck(Rule rule, int owner) implements TextCheck {

    static ProductNameCheck of(Rule rule, ProductNames spec, PhraseIndex.Builder index) {
        var names = spec.names().stream().map(name -> new Term(name, name, true, false)).toList();
        return new ProductNameCheck(rule, index.newOwner(names, false));
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
