package io.qat4j.guard.rule;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.qat4j.guard.Labels;

/** Grammatical person, as the pronouns (lower case, English) that show it. */
public enum PersonForm {
    FIRST_PERSON_SINGULAR(Set.of("i", "me", "my", "mine", "myself")),
    FIRST_PERSON_PLURAL(Set.of("we", "us", "our", "ours", "ourselves")),
    SECOND_PERSON(Set.of("you", "your", "yours", "yourself", "yourselves"));

    private final Set<String> pronouns;

    PersonForm(Set<String> pronouns) {
        this.pronouns = pronouns;
    }

    public Set<String> pronouns() {
        return pronouns;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static PersonForm fromLabel(String label) {
        return Labels.parse(PersonForm.class, label);
    }
}
