package io.qat4j.guard.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** The {@code kind} of a rule in a guidelines file, and the record its other keys map to. */
public enum RuleKind {
    TERMINOLOGY(Terminology.class),
    PRODUCT_NAMES(ProductNames.class),
    COMPETITORS(Competitors.class),
    FORBIDDEN_CLAIMS(ForbiddenClaims.class),
    REQUIRED_DISCLAIMER(RequiredDisclaimer.class),
    PERSONAL_DATA(PersonalData.class),
    EXCLAMATION_MARKS(ExclamationMarks.class),
    ALL_CAPS(AllCaps.class),
    SENTENCE_LENGTH(SentenceLength.class),
    READABILITY(Readability.class),
    LENGTH(Length.class),
    PERSON(Person.class),
    ALLOWED_MODELS(AllowedModels.class),
    GENERATION_LIMITS(GenerationLimits.class),
    SYSTEM_PROMPT(SystemPrompt.class),
    PROMPT_CONTENT(PromptContent.class);

    private final Class<? extends RuleSpec> specType;

    RuleKind(Class<? extends RuleSpec> specType) {
        this.specType = specType;
    }

    public Class<? extends RuleSpec> specType() {
        return specType;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static RuleKind fromLabel(String label) {
        return Labels.parse(RuleKind.class, label);
    }
}
