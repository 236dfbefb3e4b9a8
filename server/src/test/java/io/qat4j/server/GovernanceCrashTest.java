package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.workflow.Governance;

/**
 * A server killed with SIGKILL loses no committed transition and leaves no half transition: the
 * server runs in a JVM of its own on a SQLite file, is killed right after (and while) answering
 * transitions, and a new server on the same file is checked.
 */
class GovernanceCrashTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GUIDELINE = """
            name: crash-test
            version: "1"
            rules:
              - id: claims
                kind: forbidden-claims
                severity: error
                on_fail: review
                phrases: [guaranteed]
            """;

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A server JVM and its port. */
    record ServerProcess(Process process, int port) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    ServerProcess launch(String dbUrl, int n) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), GovernanceServerMain.class.getName(),
                TestServer.modelPath().toString(), dbUrl);
        pb.redirectError(dir.resolve("server-" + n + ".err").toFile());
        Process p = pb.start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("LISTENING ")) {
                return new ServerProcess(p, Integer.parseInt(line.substring(10).strip()));
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the server JVM did not start; its stderr is in " + dir.resolve("server-" + n + ".err"));
    }

    HttpResponse<String> call(ServerProcess s, String method, String path, String key, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(s.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKilledServerLosesNoCommittedTransitionAndLeavesNoHalfOne() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("governance.db");
        String author;
        String reviewer;
        try (var gov = Governance.open(db)) {
            var admin = gov.keys().create("ada", Role.ADMIN).principal();
            author = gov.keys().create("aki", Role.AUTHOR).token();
            reviewer = gov.keys().create("rui", Role.REVIEWER).token();
            gov.guidelines().activate(admin, gov.guidelines().upload(admin, GUIDELINE).id());
        }

        // 1. A transition answered 200 is there after kill -9.
        ServerProcess first = launch(db, 1);
        var submitted = call(first, "POST", "/v1/governance/content", author, "{\"text\":\"It is guaranteed.\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        var approved = call(first, "POST", "/v1/governance/content/" + id + "/transitions", reviewer,
                "{\"action\":\"approve\",\"comment\":\"ok\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        first.kill();

        ServerProcess second = launch(db, 2);
        JsonNode item = JSON.readTree(call(second, "GET", "/v1/governance/content/" + id, reviewer, null).body());
        assertThat(item.get("state").asText()).isEqualTo("approved");
        JsonNode trail = JSON.readTree(call(second, "GET", "/v1/governance/content/" + id + "/audit", reviewer, null).body());
        assertThat(trail.get("data")).extracting(e -> e.get("action").asText()).containsExactly("submit", "queue", "approve");
        assertThat(trail.get("chain_intact").asBoolean()).isTrue();

        // 2. Killed in the middle of a stream of transitions: everything answered is there, and every item's
        //    state is exactly where its audit trail says (no transition without its record, nor the reverse).
        var answered = new ArrayList<String>(); // "id state" of every 2xx answer
        var stop = new AtomicBoolean();
        var requests = new AtomicInteger();
        Thread load = Thread.ofPlatform().start(() -> {
            try {
                while (!stop.get()) {
                    var s = call(second, "POST", "/v1/governance/content", author, "{\"text\":\"Guaranteed, round "
                            + requests.incrementAndGet() + ".\"}");
                    if (s.statusCode() != 201) {
                        return;
                    }
                    String i = JSON.readTree(s.body()).get("id").asText();
                    synchronized (answered) {
                        answered.add(i + " in_review");
                    }
                    var a = call(second, "POST", "/v1/governance/content/" + i + "/transitions", reviewer,
                            "{\"action\":\"approve\"}");
                    if (a.statusCode() != 200) {
                        return;
                    }
                    synchronized (answered) {
                        answered.add(i + " approved");
                    }
                }
            } catch (Exception serverGone) {
                // the kill
            }
        });
        Thread.sleep(1500);
        second.kill();
        stop.set(true);
        load.join(30_000);
        assertThat(requests.get()).as("transitions ran before the kill").isGreaterThan(3);

        try (var gov = Governance.open(db)) {
            List<ContentItem> items = gov.content().list(new ContentFilter(null, null, null, 1000, 0));
            for (ContentItem i : items) {
                List<AuditEvent> events = gov.audit().forItem(i.id());
                assertThat(AuditHash.firstBroken(events)).as(i.id()).isEqualTo(-1);
                assertThat(events.getLast().to()).as("state of " + i.id() + " = its last audit event").isEqualTo(i.state());
                assertThat(i.version()).as(i.id()).isEqualTo(events.size() - 1);
                assertThat(gov.content().view(i.id()).revisions()).hasSize(1);
            }
            List<String> answeredCopy;
            synchronized (answered) {
                answeredCopy = List.copyOf(answered);
            }
            for (String a : answeredCopy) {
                String[] parts = a.split(" ");
                ContentItem stored = items.stream().filter(i -> i.id().equals(parts[0])).findFirst().orElseThrow(
                        () -> new AssertionError("answered item " + parts[0] + " is gone"));
                if (parts[1].equals("approved")) {
                    assertThat(stored.state().label()).as(parts[0]).isEqualTo("approved");
                }
            }
            assertThat(answeredCopy).isNotEmpty();
        }
    }
}
