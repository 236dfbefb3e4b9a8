package io.qat4j.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.qat4j.guard.rule.Competitors;
import io.qat4j.guard.rule.ForbiddenClaims;
import io.qat4j.guard.rule.Length;
import io.qat4j.guard.rule.PersonalData;
import io.qat4j.guard.rule.PiiType;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.RuleKind;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.rule.TermStatus;
import io.qat4j.guard.rule.Terminology;

class GuidelinesParserTest {

    @Test
    void theExampleParsesAndShowsEveryRuleKind() {
        Guidelines g = Guidelines.parse(Guidelines.exampleYaml(), "example-guidelines.yaml");
        assertThat(g.name()).isEqualTo("qat4j-cloud-brand");
        assertThat(g.version()).isEqualTo("1.0.0");
        assertThat(g.scoring().threshold()).isEqualTo(80);
        var kinds = g.rules().stream().map(Rule::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleKind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(RuleKind.values());
        assertThat(EnumSet.copyOf(g.rules().stream().map(Rule::severity).toList())).contains(Severity.values());
        assertThat(EnumSet.copyOf(g.rules().stream().map(Rule::onFail).toList())).contains(OnFail.values());
        assertThat(EnumSet.copyOf(g.rules().stream().map(Rule::level).toList())).contains(Level.values());
    }

    @Test
    void readsTermsAsStringsOrMappingsAndAppliesDefaults() {
        Guidelines g = Yaml.parse("""
                - id: words
                  kind: terminology
                  status: banned
                  severity: error
                  on_fail: fix
                  terms: [cheap, {term: whitelist, use: allowlist, case_sensitive: true, inflect: false}]
                - id: rivals
                  kind: competitors
                  severity: warning
                  level: recommended
                  on_fail: warn
                  names: Globex
                """);
        var words = (Terminology) g.rules().get(0).spec();
        assertThat(words.status()).isEqualTo(TermStatus.BANNED);
        assertThat(words.terms()).containsExactly(new Term("cheap", null, null, null),
                new Term("whitelist", "allowlist", true, false));
        assertThat(words.inflect()).isTrue();
        assertThat(words.decode()).isTrue();
        assertThat(g.rules().get(0).level()).isEqualTo(Level.REQUIRED);
        var rivals = (Competitors) g.rules().get(1).spec();
        assertThat(rivals.names()).containsExactly(Term.of("Globex"));
        assertThat(rivals.inflect()).isFalse();
        assertThat(g.rules().get(1).level()).isEqualTo(Level.RECOMMENDED);
    }

    @Test
    void readsNestedSettings() {
        Guidelines g = Yaml.parse("""
                - id: pii
                  kind: personal-data
                  severity: error
                  on_fail: fix
                  types: [email, iban]
                  regions: [gb]
                - id: len
                  kind: length
                  severity: warning
                  on_fail: warn
                  channels: {default: {max_words: 10}, email: {min_words: 2, max_words: 5}}
                """);
        var pii = (PersonalData) g.rules().get(0).spec();
        assertThat(pii.types()).containsExactly(PiiType.EMAIL, PiiType.IBAN);
        assertThat(pii.regions()).containsExactly("GB");
        assertThat(pii.redaction(PiiType.EMAIL)).isEqualTo("[email redacted]");
        var len = (Length) g.rules().get(1).spec();
        assertThat(len.forChannel("email").maxWords()).isEqualTo(5);
        assertThat(len.forChannel("sms").maxWords()).isEqualTo(10);
    }

    @Test
    void aBadSeverityNamesTheRuleAndTheField() {
        assertThatThrownBy(() -> Yaml.parse("""
                - id: no-guarantees
                  kind: forbidden-claims
                  severity: fatal
                  on_fail: block
                  phrases: [guaranteed]
                """)).isInstanceOf(GuidelinesException.class)
                .hasMessage("test.yaml: rule 'no-guarantees': 'severity' must be error, warning or info, not 'fatal'");
    }

    @Test
    void unknownKeysAreErrorsAtEveryLevel() {
        assertThatThrownBy(() -> Yaml.parse("""
                - id: claims
                  kind: forbidden-claims
                  severity: error
                  on_fail: block
                  phrase: [guaranteed]
                """)).hasMessageStartingWith("test.yaml: rule 'claims': unknown key 'phrase' (known keys here: ")
                .hasMessageContaining("phrases").hasMessageContaining("on_fail");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: words
                  kind: terminology
                  status: banned
                  severity: error
                  on_fail: fix
                  terms: [{term: cheap, usee: affordable}]
                """)).hasMessageStartingWith("test.yaml: rule 'words': unknown key 'terms[0].usee'");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: len
                  kind: length
                  severity: warning
                  on_fail: warn
                  channels: {default: {max_word: 10}}
                """)).hasMessageStartingWith("test.yaml: rule 'len': unknown key 'channels.default.max_word' (known keys"
                + " here: min_words, max_words)");
        assertThatThrownBy(() -> Guidelines.parse("name: x\nversion: 1\nrule: []\n", "g.yaml"))
                .hasMessage("g.yaml: unknown key 'rule' (known keys here: name, version, description, scoring, review, rules)");
        assertThatThrownBy(() -> Guidelines.parse("name: x\nversion: 1\nscoring: {treshold: 5}\nrules: []\n", "g.yaml"))
                .hasMessageStartingWith("g.yaml: 'scoring': unknown key 'scoring.treshold'");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() {
        assertThatThrownBy(() -> Yaml.parse("""
                - kind: competitors
                  severity: error
                  on_fail: block
                  names: [Globex]
                """)).hasMessage("test.yaml: rules[0]: 'id' is required");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: rivals
                  kind: rivals
                  severity: error
                  on_fail: block
                """)).hasMessageStartingWith("test.yaml: rule 'rivals': 'kind' must be terminology, product-names, ");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: rivals
                  kind: competitors
                  severity: error
                  names: [Globex]
                """)).hasMessage("test.yaml: rule 'rivals': 'on_fail' is required (warn, fix, reask, review or block)");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: bangs
                  kind: exclamation-marks
                  severity: warning
                  on_fail: warn
                  max: many
                """)).hasMessage("test.yaml: rule 'bangs': 'max' must be a whole number, not 'many'");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: bangs
                  kind: exclamation-marks
                  severity: warning
                  on_fail: warn
                  max: 1.5
                """)).hasMessageStartingWith("test.yaml: rule 'bangs': 'max' must be a whole number");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: words
                  kind: terminology
                  status: forbidden
                  severity: error
                  on_fail: fix
                  terms: [cheap]
                """)).hasMessage("test.yaml: rule 'words': 'status' must be banned or deprecated, not 'forbidden'");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: words
                  kind: terminology
                  status: banned
                  severity: error
                  on_fail: fix
                """)).hasMessage("test.yaml: rule 'words': 'terms' must list at least one entry");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: words
                  kind: terminology
                  status: banned
                  severity: error
                  on_fail: fix
                  terms: [{use: affordable}]
                """)).hasMessage("test.yaml: rule 'words': 'terms[0]': 'term' is required");
        assertThatThrownBy(() -> Guidelines.parse("name: x\nrules: []\n", "g.yaml"))
                .hasMessage("g.yaml: 'version' is required");
    }

    @Test
    void semanticErrorsAreNamed() {
        assertThatThrownBy(() -> Yaml.parse("""
                - id: claims
                  kind: forbidden-claims
                  severity: error
                  on_fail: block
                  patterns: ['(unclosed']
                """)).hasMessageStartingWith("test.yaml: rule 'claims': 'patterns[0]' is not a valid regular expression");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: rivals
                  kind: competitors
                  severity: error
                  level: recommended
                  on_fail: block
                  names: [Globex]
                """)).hasMessageStartingWith("test.yaml: rule 'rivals': 'on_fail' is block but 'level' is recommended");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: pii
                  kind: personal-data
                  severity: error
                  on_fail: fix
                  regions: [XX]
                """)).hasMessageStartingWith("test.yaml: rule 'pii': 'regions': 'XX' is not a region code");
        assertThatThrownBy(() -> Yaml.parse("""
                - id: easy
                  kind: readability
                  severity: warning
                  on_fail: warn
                  min: 80
                  max: 20
                """)).hasMessage("test.yaml: rule 'easy': 'min/max': min 80.0 is greater than max 20.0");
        String twice = """
                - id: rivals
                  kind: competitors
                  severity: error
                  on_fail: block
                  names: [Globex]
                """;
        assertThatThrownBy(() -> Yaml.parse(twice + twice))
                .hasMessage("test.yaml: rule 'rivals' (rules[1]): the id is already used by an earlier rule");
    }

    @Test
    void duplicateYamlKeysAndBrokenYamlAreErrors() {
        assertThatThrownBy(() -> Guidelines.parse("name: x\nname: y\nversion: 1\nrules: []\n", "g.yaml"))
                .hasMessageStartingWith("g.yaml: line 2: not valid YAML: Duplicate field 'name'");
        assertThatThrownBy(() -> Guidelines.parse("name: [x\n", "g.yaml"))
                .hasMessageStartingWith("g.yaml: line ").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> Guidelines.parse("- just a list\n", "g.yaml"))
                .hasMessage("g.yaml: the file must be a YAML mapping with 'name', 'version' and 'rules'");
    }

    @Test
    void forbiddenClaimsNeedPhrasesOrPatterns() {
        var g = Yaml.parse("""
                - id: claims
                  kind: forbidden-claims
                  severity: error
                  on_fail: block
                  patterns: ['\\b100\\s*%']
                """);
        assertThat(((ForbiddenClaims) g.rules().getFirst().spec()).phrases()).isEmpty();
        assertThatThrownBy(() -> Yaml.parse("""
                - id: claims
                  kind: forbidden-claims
                  severity: error
                  on_fail: block
                """)).hasMessage("test.yaml: rule 'claims': 'phrases' or 'patterns' must list at least one entry");
    }

    @Test
    void theReviewBlockSaysWhenTextsSkipTheQueue() {
        Guidelines example = Guidelines.parse(Guidelines.exampleYaml(), "example-guidelines.yaml");
        assertThat(example.review()).isEqualTo(new ReviewPolicy(true, 95));
        Guidelines none = Yaml.parse("""
                - id: calm
                  kind: exclamation-marks
                  severity: warning
                  on_fail: warn
                  max: 0
                """);
        assertThat(none.review()).as("by default a person approves everything").isEqualTo(ReviewPolicy.MANUAL);
        assertThatThrownBy(() -> Guidelines.parse("name: x\nversion: \"1\"\nreview: {auto_approve: true, min_scor: 90}\n"
                + "rules: []", "g.yaml")).hasMessageStartingWith("g.yaml: 'review': unknown key 'review.min_scor'");
        assertThatThrownBy(() -> Guidelines.parse("name: x\nversion: \"1\"\nreview: {min_score: 101}\nrules: []", "g.yaml"))
                .hasMessageContaining("'min_score' must be between 0 and 100, got 101");
    }
}
