package io.qat4j.guard.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.text.Inflections.Suffix;

class InflectionsTest {

    private static java.util.List<String> forms(String term) {
        return Inflections.forms(term).stream().map(Inflections.Form::text).toList();
    }

    @Test
    void regularVerbsAndNouns() {
        assertThat(forms("guarantee")).containsExactly("guarantees", "guaranteed", "guaranteeing");
        assertThat(forms("claim")).containsExactly("claims", "claimed", "claiming");
        assertThat(forms("make")).containsExactly("makes", "maked", "making");
        assertThat(forms("apply")).containsExactly("applies", "applied", "applying");
        assertThat(forms("box")).containsExactly("boxes", "boxed", "boxing");
        assertThat(forms("die")).containsExactly("dies", "died", "dying");
        assertThat(forms("play")).containsExactly("plays", "played", "playing");
    }

    @Test
    void consonantVowelConsonantGetsBothForms() {
        assertThat(forms("stop")).containsExactly("stops", "stopped", "stoped", "stopping", "stoping");
        assertThat(forms("offer")).containsExactly("offers", "offered", "offerred", "offering", "offerring");
    }

    @Test
    void onlyTheLastWordOfAPhraseInflects() {
        assertThat(forms("risk free")).containsExactly("risk frees", "risk freed", "risk freeing");
        assertThat(forms("QAT4J")).isEmpty();
        assertThat(forms("go")).isEmpty();
    }

    @Test
    void replacementsTakeTheMainForm() {
        assertThat(Inflections.apply("promise", Suffix.ED)).isEqualTo("promised");
        assertThat(Inflections.apply("stop", Suffix.ING)).isEqualTo("stopping");
        assertThat(Inflections.apply("offer", Suffix.ED)).isEqualTo("offered");
        assertThat(Inflections.apply("cloud credit", Suffix.S)).isEqualTo("cloud credits");
        assertThat(Inflections.apply("QAT4J", Suffix.S)).isEqualTo("QAT4J");
    }
}
