package io.qat4j.guard.check;

import java.util.EnumSet;
import java.util.List;

import io.qat4j.guard.pii.PiiMatch;
import io.qat4j.guard.rule.PersonalData;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Span;
import io.qat4j.guard.verdict.Target;

/** Personal data: one finding per item, whose edit redacts it. The data is not quoted. */
record PersonalDataCheck(Rule rule, PersonalData spec) implements TextCheck {

    @Override
    public void check(TextContext context, List<Finding> out) {
        for (PiiMatch m : context.personalData(EnumSet.copyOf(spec.types()), spec.regions())) {
            String what = switch (m.type()) {
                case EMAIL -> "an e-mail address";
                case PHONE -> "a phone number";
                case PAYMENT_CARD -> "a payment card number";
                case IBAN -> "an IBAN";
            };
            String redaction = spec.redaction(m.type());
            out.add(Findings.about(rule, Target.OUTPUT, new Span(m.start(), m.end()), null,
                    "contains " + what + " (personal data)", Findings.advice(rule, "remove it or write " + redaction),
                    new Edit(m.start(), m.end(), redaction)));
        }
    }
}
