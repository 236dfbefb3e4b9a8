package io.qat4j.guard.rule;

import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Personal data to detect. With {@code on_fail: fix} each finding is redacted, with {@code block}
 * the text is stopped, with {@code warn}/{@code review} it is only reported.
 *
 * @param types      which kinds to look for; default all
 * @param regions    ISO 3166 regions whose national phone formats are recognised (numbers written
 *                   with + or an international prefix are recognised from any of them); default US
 * @param redactWith the replacement; {@code {type}} becomes the kind ("[email redacted]")
 */
public record PersonalData(List<PiiType> types, List<String> regions, String redactWith) implements TextRuleSpec {

    public PersonalData {
        types = types == null || types.isEmpty() ? List.of(PiiType.values()) : List.copyOf(types);
        regions = regions == null || regions.isEmpty() ? List.of("US")
                : regions.stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).toList();
        var supported = PhoneNumberUtil.getInstance().getSupportedRegions();
        for (String r : regions) {
            if (!supported.contains(r)) {
                throw new IllegalArgumentException("'regions': '" + r + "' is not a region code libphonenumber knows"
                        + " (two letters, e.g. US, GB, DE)");
            }
        }
        redactWith = redactWith == null ? "[{type} redacted]" : redactWith;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.PERSONAL_DATA;
    }

    public String redaction(PiiType type) {
        return redactWith.replace("{type}", type.label());
    }
}
