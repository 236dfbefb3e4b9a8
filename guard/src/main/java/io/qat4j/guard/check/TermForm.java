package io.qat4j.guard.check;

import java.util.ArrayList;
import java.util.List;

import io.qat4j.guard.rule.Term;
import io.qat4j.guard.text.Inflections;

/**
 * One spelling a term is matched by: the term itself ({@code suffix} null) or one of its
 * inflections.
 */
public record TermForm(Term term, String text, Inflections.Suffix suffix) {

    /** The term and, when it inflects (its own setting, else {@code ruleInflects}), its inflections. */
    public static List<TermForm> expand(Term term, boolean ruleInflects) {
        var forms = new ArrayList<TermForm>();
        forms.add(new TermForm(term, term.term(), null));
        if (term.inflects(ruleInflects)) {
            for (Inflections.Form f : Inflections.forms(term.term())) {
                forms.add(new TermForm(term, f.text(), f.suffix()));
            }
        }
        return forms;
    }

    /** The term's replacement inflected like this form ("guaranteed" → "promised"), or null. */
    public String replacement() {
        if (term.use() == null) {
            return null;
        }
        return suffix == null ? term.use() : Inflections.apply(term.use(), suffix);
    }
}
