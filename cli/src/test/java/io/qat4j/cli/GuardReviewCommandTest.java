package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.workflow.ContentWorkflow.Submission;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.testkit.TestData;

/** guard keys and guard review, on the store and against a server started by serve --guidelines --db. */
class GuardReviewCommandTest {
    @TempDir
    Path dir;

    @Test
    void reviewOnTheStoreAndThroughAServer() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("gov.db");
        Path yaml = dir.resolve("brand.yaml");
        Files.writeString(yaml, Guidelines.exampleYaml());

        var created = CliRun.of("guard", "keys", "create", "--db", db, "--name", "rui", "--role", "reviewer");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String reviewer = created.out().strip();
        assertThat(reviewer).startsWith("q4g_");
        assertThat(created.err()).contains("not shown again");
        String author = CliRun.of("guard", "keys", "create", "--db", db, "--name", "aki", "--role", "author").out().strip();
        String keys = CliRun.of("guard", "keys", "list", "--db", db).out();
        assertThat(keys).contains("rui", "reviewer", "aki", "author").doesNotContain(reviewer.substring(21));
        // A table: every row's name starts in the header's NAME column.
        String[] rows = keys.split("\n");
        int nameColumn = rows[0].indexOf("NAME");
        assertThat(rows[1].substring(nameColumn)).isIn("rui", "aki");
        assertThat(rows[2].substring(nameColumn)).isIn("rui", "aki");
        assertThat(CliRun.of("guard", "keys", "create", "--db", db, "--name", "x", "--role", "boss").err())
                .contains("unknown role 'boss'");

        String model = TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf").toString();
        var parsed = Main.newCommandLine().parseArgs("serve", "--model", model, "--port", "0", "-t", "1", "--guidelines",
                yaml.toString(), "--db", db, "--prefix-reuse", "off");
        var serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        try (var running = serve.start()) {
            String url = running.server().url();
            String id;
            try (var gov = Governance.open(db)) {
                var aki = gov.keys().authenticate(author).orElseThrow();
                id = gov.content().submit(aki, new Submission("Our cheap backups are guaranteed!", "Backups", "social",
                        null, false)).id();
                assertThat(gov.guidelines().active()).get().extracting(g -> g.stored().name()).isEqualTo("qat4j-cloud-brand");
            }
            var list = CliRun.of("guard", "review", "list", "--server", url, "--api-key", reviewer);
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains(id, "in_review", "aki", "Backups");

            var show = CliRun.of("guard", "review", "show", id, "--db", db, "--api-key", reviewer);
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).contains("Our cheap backups are guaranteed!", "text:1:5: error [banned-terms]",
                    "text:1:23: error [no-guarantees]", "qat4j (system) queue: checked -> in_review");

            var own = CliRun.of("guard", "review", "approve", id, "--db", db, "--api-key", author);
            assertThat(own.exitCode()).isEqualTo(1);
            assertThat(own.err()).contains("needs the reviewer role");
            var noComment = CliRun.of("guard", "review", "reject", id, "--server", url, "--api-key", reviewer);
            assertThat(noComment.exitCode()).isEqualTo(1);
            assertThat(noComment.err()).contains("needs a comment", "HTTP 400");

            var approved = CliRun.of("guard", "review", "approve", id, "--server", url, "--api-key", reviewer, "--comment", "ok",
                    "--expected-version", "1");
            assertThat(approved.exitCode()).as(approved.err()).isZero();
            assertThat(approved.out()).isEqualTo(id + " is now approved (version 2)\n");
            assertThat(CliRun.of("guard", "review", "publish", id, "--db", db, "--api-key", reviewer).out())
                    .contains("is now published");

            var http = HttpClient.newHttpClient();
            var page = http.send(HttpRequest.newBuilder(URI.create(url + "/review")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(303);
            var published = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/governance/publications/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.body()).contains("Our cheap backups are guaranteed!");
        }
    }
}
