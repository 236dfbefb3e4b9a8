package io.qat4j.guard;

import io.qat4j.guard.check.Checker;

/** Small guidelines for tests: a header plus the rules given as YAML list items. */
public final class Yaml {
    private Yaml() {
    }

    public static String guidelines(String rules) {
        return "name: test\nversion: \"1\"\nrules:\n" + rules.stripIndent().lines()
                .map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }

    public static Guidelines parse(String rules) {
        return Guidelines.parse(guidelines(rules), "test.yaml");
    }

    public static Checker checker(String rules) {
        return Checker.compile(parse(rules));
    }
}
