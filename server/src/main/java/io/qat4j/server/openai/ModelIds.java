package io.qat4j.server.openai;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.server.ApiException;
import io.qat4j.server.JsonFields;

/** The model ids the server answers to (its own and aliases), and their /v1/models entries. */
final class ModelIds {
    private final List<String> ids;
    private final long created;

    /** @param created the epoch second reported as the models' creation (the model file's modification time) */
    ModelIds(List<String> ids, long created) {
        this.ids = List.copyOf(ids);
        this.created = created;
    }

    /**
     * The {@code model} a request names, checked.
     *
     * @throws ApiException 400 when absent, 404 model_not_found when it is not one of ours
     */
    String resolve(JsonFields body) {
        String model = body.requiredString("model");
        if (!ids.contains(model)) {
            throw ApiException.modelNotFound(model);
        }
        return model;
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    /** The body of {@code GET /v1/models}: every id, so a client picking from the list finds its alias too. */
    ObjectNode list(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        for (String id : ids) {
            data.add(entry(json, id));
        }
        return root;
    }

    ObjectNode entry(ObjectMapper json, String id) {
        ObjectNode m = json.createObjectNode();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "qat4j");
        return m;
    }
}
