package io.qat4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.server.governance.GovernanceJson;

/** Reviews straight on the store (no server): the same rules, the same audit trail. */
final class LocalReview implements ReviewBackend {
    private final Governance gov;
    private final Principal who;
    private final GovernanceJson out = new GovernanceJson(new ObjectMapper());
    private final ObjectMapper json = new ObjectMapper();

    LocalReview(String dbUrl, String apiKey) {
        this.gov = Governance.open(dbUrl);
        try {
            this.who = gov.keys().authenticate(apiKey).orElseThrow(() -> new IllegalArgumentException(
                    "the API key is not a valid key of " + gov.db().describe()));
        } catch (RuntimeException e) {
            gov.close();
            throw e;
        }
    }

    @Override
    public JsonNode list(String state, String author, int limit) {
        return run(() -> {
            var list = json.createObjectNode();
            var data = list.putArray("data");
            gov.content().list(new ContentFilter(state == null ? null : ContentState.parse(state), author, null, limit, 0))
                    .forEach(i -> data.add(out.item(i)));
            return list;
        });
    }

    @Override
    public JsonNode show(String id) {
        return run(() -> out.view(gov.content().view(id)));
    }

    @Override
    public JsonNode audit(String id) {
        return run(() -> out.trail(gov.audit().forItem(id)));
    }

    @Override
    public JsonNode act(String id, String action, String comment, Long expectedVersion) {
        return run(() -> out.item(gov.content().act(who, id, Action.parse(action), comment, expectedVersion)));
    }

    private static JsonNode run(java.util.function.Supplier<JsonNode> work) {
        try {
            return work.get();
        } catch (WorkflowException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        gov.close();
    }
}
