package io.qat4j.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import io.qat4j.guard.rule.RequestRuleSpec;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.TextRuleSpec;

/**
 * A versioned set of brand rules, as written in a guidelines YAML file (see
 * {@code example-guidelines.yaml} beside this class for every rule kind, commented).
 *
 * @param name        identifies the guideline across versions
 * @param version     free-form ("3", "2025.1"); verdicts record it
 * @param description for people
 * @param scoring     weights and pass threshold
 * @param review      when checked texts may skip human review
 * @param rules       in file order; ids are unique
 */
public record Guidelines(String name, String version, String description, Scoring scoring, ReviewPolicy review,
        List<Rule> rules) {

    public Guidelines {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("'version' is required");
        }
        scoring = scoring == null ? Scoring.DEFAULT : scoring;
        review = review == null ? ReviewPolicy.MANUAL : review;
        rules = List.copyOf(rules);
        var ids = new HashSet<String>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("rule '" + r.id() + "' is defined twice");
            }
        }
    }

    /** Reads and validates a guidelines file; errors name the file, rule id and field. */
    public static Guidelines load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Parses guidelines YAML; {@code source} names it in error messages. */
    public static Guidelines parse(String yaml, String source) {
        return new GuidelinesParser(source).parse(yaml);
    }

    /** The commented example shipped with the module (the fictional "QAT4J Cloud" brand). */
    public static String exampleYaml() {
        try (var in = Guidelines.class.getResourceAsStream("example-guidelines.yaml")) {
            if (in == null) {
                throw new IllegalStateException("example-guidelines.yaml is missing from the guard jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Optional<Rule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<Rule> textRules() {
        return rules.stream().filter(r -> r.spec() instanceof TextRuleSpec).toList();
    }

    public List<Rule> requestRules() {
        return rules.stream().filter(r -> r.spec() instanceof RequestRuleSpec).toList();
    }
}
