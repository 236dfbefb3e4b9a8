package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.qat4j.guard.review.Role;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.server.governance.GovernanceSetup;

/** The review workflow over HTTP: keys and roles, guidelines, content, transitions, publication, audit. */
class GovernanceApiTest {
    static final String GUIDELINE = """
            name: api-test
            version: "1"
            review: {auto_approve: true, min_score: 100}
            rules:
              - id: claims
                kind: forbidden-claims
                severity: error
                on_fail: review
                phrases: [guaranteed]
              - id: brand-system-prompt
                kind: system-prompt
                severity: error
                on_fail: block
                must_contain: [You write on behalf of QAT4J Cloud.]
            """;

    @TempDir
    Path dir;
    Governance gov;
    TestServer t;
    String admin;
    String author;
    String reviewer;
    String reviewer2;

    @BeforeEach
    void start() throws Exception {
        gov = Governance.open("jdbc:sqlite:" + dir.resolve("gov.db"));
        admin = gov.keys().create("ada", Role.ADMIN).token();
        author = gov.keys().create("aki", Role.AUTHOR).token();
        reviewer = gov.keys().create("rui", Role.REVIEWER).token();
        reviewer2 = gov.keys().create("rea", Role.REVIEWER).token();
        // The OpenAI endpoints need the server key; the governance API its own keys.
        t = TestServer.start(2, 8, c -> c.withApiKeys(Set.of("sk-server")),
                (b, m) -> GovernanceSetup.apply(b, m, GUIDELINE, "api-test.yaml", gov, 1));
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
        if (gov != null) {
            gov.close();
        }
    }

    JsonNode ok(String method, String path, String key, String body, int status) throws Exception {
        var res = t.send(method, path, key, body);
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isEqualTo(status);
        return res.body().isEmpty() ? null : t.parse(res.body());
    }

    int status(String method, String path, String key, String body) throws Exception {
        return t.send(method, path, key, body).statusCode();
    }

    String submit(String key, String text) throws Exception {
        return ok("POST", "/v1/governance/content", key, "{\"text\":\"" + text + "\",\"title\":\"t\"}", 201).get("id").asText();
    }

    @Test
    void authenticationAndRoles() throws Exception {
        String item = submit(author, "Our backups are guaranteed.");
        // No key → 401; an unknown key → 401; the server's OpenAI key is not a governance key.
        assertThat(status("GET", "/v1/governance/content", null, null)).isEqualTo(401);
        assertThat(status("GET", "/v1/governance/content", "q4g_0000_nope", null)).isEqualTo(401);
        assertThat(status("GET", "/v1/governance/content", "sk-server", null)).isEqualTo(401);
        assertThat(status("GET", "/v1/models", null, null)).isEqualTo(401);
        assertThat(status("GET", "/v1/models", "sk-server", null)).isEqualTo(200);
        assertThat(ok("GET", "/v1/governance/whoami", reviewer, null, 200).get("role").asText()).isEqualTo("reviewer");
        // Wrong role → 403.
        assertThat(status("POST", "/v1/governance/content/" + item + "/transitions", author, "{\"action\":\"approve\"}"))
                .isEqualTo(403);
        assertThat(status("POST", "/v1/governance/guidelines", reviewer, "{\"yaml\":\"x\"}")).isEqualTo(403);
        assertThat(status("POST", "/v1/governance/keys", reviewer, "{\"name\":\"x\",\"role\":\"admin\"}")).isEqualTo(403);
        assertThat(status("GET", "/v1/governance/audit", author, null)).isEqualTo(403);
        // Own content → 403 (four-eyes), also for an admin.
        String own = submit(reviewer, "We guaranteed it.");
        JsonNode refused = ok("POST", "/v1/governance/content/" + own + "/transitions", reviewer,
                "{\"action\":\"approve\"}", 403);
        assertThat(refused.get("error").get("message").asText()).contains("four-eyes");
        String admins = submit(admin, "We guaranteed it.");
        assertThat(status("POST", "/v1/governance/content/" + admins + "/transitions", admin, "{\"action\":\"approve\"}"))
                .isEqualTo(403);
        assertThat(status("GET", "/v1/governance/content/missing", reviewer, null)).isEqualTo(404);
        assertThat(status("POST", "/v1/governance/content/" + item + "/transitions", reviewer, "{\"action\":\"fly\"}"))
                .isEqualTo(400);
    }

    @Test
    void aFullLifecycleOverHttpWithAuditExport() throws Exception {
        // An admin issues a key and uploads a second guideline version.
        JsonNode issued = ok("POST", "/v1/governance/keys", admin, "{\"name\":\"kim\",\"role\":\"reviewer\"}", 201);
        String kim = issued.get("key").asText();
        assertThat(ok("GET", "/v1/governance/whoami", kim, null, 200).get("name").asText()).isEqualTo("kim");
        var upload = t.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.url(
                "/v1/governance/guidelines?activate=true"))).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/yaml").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        GUIDELINE.replace("version: \"1\"", "version: \"2\""))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode versions = ok("GET", "/v1/governance/guidelines", author, null, 200).get("data");
        assertThat(versions).extracting(v -> v.get("version").asText() + ":" + v.get("active").asBoolean())
                .containsExactly("1:false", "2:true");

        String id = submit(author, "Our backups are guaranteed.");
        JsonNode item = ok("GET", "/v1/governance/content/" + id, author, null, 200);
        assertThat(item.get("state").asText()).isEqualTo("in_review");
        assertThat(item.get("revisions").get(0).get("verdict").get("findings").get(0).get("rule_id").asText())
                .isEqualTo("claims");
        assertThat(status("GET", "/v1/governance/publications/" + id, null, null)).isEqualTo(404);
        JsonNode changed = ok("POST", "/v1/governance/content/" + id + "/transitions", kim,
                "{\"action\":\"request_changes\",\"comment\":\"No promises.\",\"expected_version\":1}", 200);
        assertThat(changed.get("state").asText()).isEqualTo("changes_requested");
        assertThat(status("POST", "/v1/governance/content/" + id + "/transitions", kim,
                "{\"action\":\"reject\",\"comment\":\"late\",\"expected_version\":1}")).as("stale version").isEqualTo(409);
        JsonNode revised = ok("POST", "/v1/governance/content/" + id + "/revisions", author,
                "{\"text\":\"We guaranteed nothing, yet it works.\",\"expected_version\":2}", 201);
        assertThat(revised.get("revisions")).hasSize(2);
        ok("POST", "/v1/governance/content/" + id + "/transitions", reviewer, "{\"action\":\"approve\"}", 200);
        assertThat(status("GET", "/v1/governance/publications/" + id, null, null)).as("approved is not published")
                .isEqualTo(404);
        ok("POST", "/v1/governance/content/" + id + "/transitions", author, "{\"action\":\"publish\"}", 200);
        JsonNode publication = ok("GET", "/v1/governance/publications/" + id, null, null, 200);
        assertThat(publication.get("text").asText()).isEqualTo("We guaranteed nothing, yet it works.");
        assertThat(ok("GET", "/v1/governance/publications", null, null, 200).get("data")).hasSize(1);
        assertThat(ok("GET", "/v1/governance/content?state=published", reviewer, null, 200).get("data")).hasSize(1);

        JsonNode trail = ok("GET", "/v1/governance/content/" + id + "/audit", author, null, 200);
        assertThat(trail.get("chain_intact").asBoolean()).isTrue();
        assertThat(trail.get("data")).extracting(e -> e.get("action").asText()).containsExactly("submit", "queue",
                "request_changes", "revise", "queue", "approve", "publish");
        assertThat(trail.get("data").get(2).get("comment").asText()).isEqualTo("No promises.");
        assertThat(trail.get("data").get(5).get("actor").asText()).isEqualTo("rui");
        assertThat(trail.get("data").get(5).get("verdict").get("guideline_version").asText()).isEqualTo("2");

        var csv = t.send("GET", "/v1/governance/audit?format=csv", reviewer, null);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("item_id,seq,at,actor,actor_role,action,from,to,revision,comment,verdict,"
                + "prev_hash,hash");
        assertThat(lines).hasSize(8);
        assertThat(lines.get(3)).startsWith(id + ",3,").contains(",kim,reviewer,request_changes,in_review,"
                + "changes_requested,1,No promises.,\"{");
        assertThat(ok("GET", "/v1/governance/audit?since=2000-01-01T00:00:00Z", reviewer, null, 200).get("data")).hasSize(7);
        assertThat(status("GET", "/v1/governance/audit?since=yesterday", reviewer, null)).isEqualTo(400);
    }

    @Test
    void concurrentApprovalsOverHttpHaveOneWinner() throws Exception {
        var keys = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            keys.add(gov.keys().create("r" + i, Role.REVIEWER).token());
        }
        String id = submit(author, "Our backups are guaranteed.");
        var start = new CountDownLatch(1);
        var codes = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(keys.size())) {
            var futures = new ArrayList<Future<Integer>>();
            for (String k : keys) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return status("POST", "/v1/governance/content/" + id + "/transitions", k,
                            "{\"action\":\"approve\",\"expected_version\":1}");
                }));
            }
            start.countDown();
            for (var f : futures) {
                codes.add(f.get());
            }
        }
        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertThat(codes).filteredOn(c -> c != 200).containsOnly(409);
        JsonNode trail = ok("GET", "/v1/governance/content/" + id + "/audit", author, null, 200);
        assertThat(trail.get("data")).filteredOn(e -> e.get("action").asText().equals("approve")).hasSize(1);
    }

    @Test
    void generatedContentRecordsItsPromptModelAndSettings() throws Exception {
        String body = """
                {"title":"gen","generate":{"messages":[{"role":"system","content":"You write on behalf of QAT4J Cloud."},
                 {"role":"user","content":"Hello"}],"max_tokens":6,"temperature":0,"seed":7,
                 "logit_bias":{"1":-100,"328":-100}}}""";
        JsonNode item = ok("POST", "/v1/governance/content", author, body, 201);
        JsonNode revision = item.get("revisions").get(0);
        JsonNode p = revision.get("provenance");
        byte[] modelBytes = Files.readAllBytes(TestServer.modelPath());
        assertThat(p.get("model_sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(modelBytes)));
        assertThat(p.get("model_file").asText()).isEqualTo("gemma3-tiny-q8_0.gguf");
        assertThat(p.get("prompt").asText()).startsWith("<start_of_turn>user\nYou write on behalf of QAT4J Cloud.").contains("Hello<end_of_turn>");
        assertThat(p.get("settings").get("seed").asLong()).isEqualTo(7);
        assertThat(p.get("settings").get("max_tokens").asInt()).isEqualTo(6);
        assertThat(revision.get("text").asText()).isNotEmpty();
        assertThat(item.get("generation").get("attempts").asInt()).isEqualTo(1);
        assertThat(item.get("author").asText()).isEqualTo("aki");

        String refused = body.replace("You write on behalf of QAT4J Cloud.", "Be brief.");
        JsonNode error = ok("POST", "/v1/governance/content", author, refused, 400);
        assertThat(error.get("error").get("code").asText()).isEqualTo("guideline_violation");
        assertThat(ok("GET", "/v1/governance/content", author, null, 200).get("data")).hasSize(1);
    }
}
