package io.qat4j.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reviews through a server's governance API. */
final class RemoteReview implements ReviewBackend {
    private final String base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    RemoteReview(String serverUrl, String apiKey) {
        this.base = serverUrl.replaceAll("/+$", "").replaceAll("/v1$", "") + "/v1/governance";
        this.apiKey = apiKey;
    }

    @Override
    public JsonNode list(String state, String author, int limit) {
        var q = new StringBuilder("?limit=").append(limit);
        if (state != null) {
            q.append("&state=").append(encode(state));
        }
        if (author != null) {
            q.append("&author=").append(encode(author));
        }
        return call("GET", "/content" + q, null);
    }

    @Override
    public JsonNode show(String id) {
        return call("GET", "/content/" + encode(id), null);
    }

    @Override
    public JsonNode audit(String id) {
        return call("GET", "/content/" + encode(id) + "/audit", null);
    }

    @Override
    public JsonNode act(String id, String action, String comment, Long expectedVersion) {
        var body = json.createObjectNode();
        body.put("action", action);
        if (comment != null) {
            body.put("comment", comment);
        }
        if (expectedVersion != null) {
            body.put("expected_version", expectedVersion);
        }
        return call("POST", "/content/" + encode(id) + "/transitions", body.toString());
    }

    private JsonNode call(String method, String path, String body) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(res.body());
        } catch (IOException e) {
            throw new IllegalStateException(base + path + " answered " + res.statusCode() + " without JSON");
        }
        if (res.statusCode() / 100 != 2) {
            String message = answer.path("error").path("message").asText("HTTP " + res.statusCode());
            throw new IllegalStateException(message + " (HTTP " + res.statusCode() + ")");
        }
        return answer;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
