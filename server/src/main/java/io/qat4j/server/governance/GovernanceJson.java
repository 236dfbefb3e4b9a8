package io.qat4j.server.governance;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.AuditHash;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Revision;
import io.qat4j.guard.review.StoredGuideline;
import io.qat4j.guard.workflow.ContentWorkflow.ContentView;
import io.qat4j.guard.workflow.ContentWorkflow.Publication;

/** The governance API's JSON (also what {@code qat4j guard review --json} prints): snake_case fields, times in ISO-8601 UTC. */
public final class GovernanceJson {
    private final ObjectMapper json;

    public GovernanceJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode principal(Principal p) {
        ObjectNode o = json.createObjectNode();
        o.put("key_id", p.keyId());
        o.put("name", p.name());
        o.put("role", p.role().label());
        return o;
    }

    public ObjectNode item(ContentItem i) {
        ObjectNode o = json.createObjectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("channel", i.channel());
        o.put("author", i.author());
        o.put("state", i.state().label());
        o.put("current_revision", i.currentRevision());
        o.put("version", i.version());
        o.put("created_at", i.createdAt().toString());
        o.put("updated_at", i.updatedAt().toString());
        return o;
    }

    public ObjectNode view(ContentView v) {
        ObjectNode o = item(v.item());
        var revisions = o.putArray("revisions");
        for (Revision r : v.revisions()) {
            revisions.add(revision(r));
        }
        return o;
    }

    public ObjectNode revision(Revision r) {
        ObjectNode o = json.createObjectNode();
        o.put("revision", r.number());
        o.put("text", r.text());
        o.put("author", r.author());
        o.put("created_at", r.createdAt().toString());
        o.put("guideline_id", r.guidelineId());
        ObjectNode p = o.putObject("provenance");
        p.put("prompt", r.provenance().prompt());
        p.put("model_file", r.provenance().modelFile());
        p.put("model_sha256", r.provenance().modelSha256());
        p.set("settings", json.valueToTree(r.provenance().settings()));
        o.set("verdict", json.valueToTree(r.verdict()));
        return o;
    }

    public ObjectNode guideline(StoredGuideline g, boolean withYaml) {
        ObjectNode o = json.createObjectNode();
        o.put("id", g.id());
        o.put("name", g.name());
        o.put("version", g.version());
        o.put("sha256", g.sha256());
        o.put("uploaded_by", g.uploadedBy());
        o.put("uploaded_at", g.uploadedAt().toString());
        o.put("active", g.active());
        if (withYaml) {
            o.put("yaml", g.yaml());
        }
        return o;
    }

    public ObjectNode event(AuditEvent e) {
        ObjectNode o = json.createObjectNode();
        o.put("item_id", e.itemId());
        o.put("seq", e.seq());
        o.put("at", e.at().toString());
        o.put("actor", e.actor());
        o.put("actor_role", e.actorRole());
        o.put("action", e.action().label());
        o.put("from", e.from() == null ? null : e.from().label());
        o.put("to", e.to().label());
        o.put("revision", e.revision());
        o.put("comment", e.comment());
        o.set("verdict", parse(e.verdict()));
        o.put("prev_hash", e.prevHash());
        o.put("hash", e.hash());
        return o;
    }

    public ObjectNode trail(List<AuditEvent> events) {
        ObjectNode o = json.createObjectNode();
        var data = o.putArray("data");
        events.forEach(e -> data.add(event(e)));
        o.put("chain_intact", AuditHash.firstBroken(events) < 0);
        return o;
    }

    public ObjectNode publication(Publication p) {
        ObjectNode o = json.createObjectNode();
        o.put("id", p.id());
        o.put("title", p.title());
        o.put("channel", p.channel());
        o.put("text", p.text());
        o.put("revision", p.revision());
        o.put("published_at", p.publishedAt().toString());
        return o;
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(s);
        }
    }
}
