package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.verdict.Verdict;

class GuardCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path example() throws Exception {
        Path g = dir.resolve("brand.yaml");
        Files.writeString(g, Guidelines.exampleYaml());
        return g;
    }

    @Test
    void printsFindingsWithPositionsAndFailsWithExitThree() throws Exception {
        Path text = dir.resolve("post.txt");
        Files.writeString(text, "Hello 🙂.\nOur cheap plan is great!\n");
        var r = run("guard", "check", "--guidelines", example().toString(), "--file", text.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEqualTo(text + ":2:5: error [banned-terms] 'cheap' is a banned term (write 'affordable')\n"
                + text + ":2:24: warning [calm-punctuation] exclamation mark (state it calmly)\n"
                + "score 75/100 (gate 75, threshold 80): FAIL\n");
    }

    @Test
    void passesWithExitZero() throws Exception {
        var r = run("guard", "check", "--guidelines", example().toString(), "--text", "We make backups simple.");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("score 100/100 (gate 100, threshold 80): PASS\n");
    }

    @Test
    void jsonPrintsTheVerdict() throws Exception {
        var r = run("guard", "check", "--guidelines", example().toString(), "--json", "--channel", "social", "--text",
                "Globex is CHEAP.");
        assertThat(r.exitCode()).isEqualTo(3);
        Verdict v = Verdict.fromJson(r.out());
        assertThat(v.guideline()).isEqualTo("qat4j-cloud-brand");
        assertThat(v.findings()).extracting(f -> f.ruleId()).containsExactly("no-competitors", "banned-terms", "no-shouting");
    }

    @Test
    void invalidGuidelinesAreAnErrorNamingTheRule() throws Exception {
        Path g = dir.resolve("bad.yaml");
        Files.writeString(g, "name: x\nversion: 1\nrules:\n  - {id: no-guarantees, kind: forbidden-claims,"
                + " severity: fatal, on_fail: block, phrases: [x]}\n");
        var r = run("guard", "check", "--guidelines", g.toString(), "--text", "hi");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(g + ": rule 'no-guarantees': 'severity' must be error, warning or info");
        assertThat(run("guard", "check", "--guidelines", dir.resolve("none.yaml").toString(), "--text", "hi").exitCode())
                .isEqualTo(1);
    }

    @Test
    void textAndFileAreExclusiveAndOneIsRequired() throws Exception {
        assertThat(run("guard", "check", "--guidelines", example().toString()).exitCode()).isEqualTo(2);
        assertThat(run("guard", "check", "--guidelines", example().toString(), "--text", "a", "--file", "b").exitCode())
                .isEqualTo(2);
    }
}
