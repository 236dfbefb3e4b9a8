package io.qat4j.server.governance;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.guard.reask.GuardedResult;
import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Provenance;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.review.StoredGuideline;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.guard.workflow.ContentWorkflow.Submission;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.server.ApiException;
import io.qat4j.server.ApiModule;
import io.qat4j.server.JsonBody;
import io.qat4j.server.JsonFields;
import io.qat4j.server.ServerContext;
import io.qat4j.server.openai.ChatMessages;
import io.qat4j.server.openai.CompletionParams;

/**
 * The review workflow over HTTP, authenticated with governance API keys
 * ({@code Authorization: Bearer q4g_…}; roles author ⊂ reviewer ⊂ admin):
 * <pre>
 * GET    /v1/governance/whoami                       any role
 * POST   /v1/governance/keys {name, role}             admin   → the new key, shown once
 * GET    /v1/governance/keys                          admin
 * DELETE /v1/governance/keys/{key_id}                 admin
 * POST   /v1/governance/guidelines  YAML body (or {"yaml"}; ?activate=true)   admin
 * GET    /v1/governance/guidelines                    any role
 * GET    /v1/governance/guidelines/{id}               any role (with the YAML)
 * POST   /v1/governance/guidelines/{id}/activate      admin
 * POST   /v1/governance/content {text, title?, channel?, fix?, provenance?}
 *                        or {generate: {chat completion request}, title?, channel?}   author
 * GET    /v1/governance/content?state=&amp;author=&amp;channel=&amp;limit=&amp;offset=   any role
 * GET    /v1/governance/content/{id}                  any role (with every revision and verdict)
 * POST   /v1/governance/content/{id}/transitions {action, comment?, expected_version?}
 * POST   /v1/governance/content/{id}/revisions {text, fix?, expected_version?}
 * GET    /v1/governance/content/{id}/audit            any role
 * GET    /v1/governance/audit?format=json|csv&amp;since=ISO-8601                    reviewer
 * GET    /v1/governance/publications, /v1/governance/publications/{id}   no key: published items only
 * </pre>
 * Errors use OpenAI's envelope: 401 no or unknown key, 403 role or four-eyes, 404, 409 state or
 * version conflict (a concurrent change lost), 400 invalid input.
 */
public final class GovernanceApiModule implements ApiModule {
    static final String ROOT = "/v1/governance";

    private final Governance gov;
    private final GovernedModel governed;
    private final GovernanceAuth auth;

    public GovernanceApiModule(Governance gov, GovernedModel governed) {
        this.gov = gov;
        this.governed = governed;
        this.auth = new GovernanceAuth(gov.keys());
    }

    @Override
    public boolean authenticatesItself(String path) {
        return path.startsWith(ROOT + "/") && !path.equals(GuardModule.PATH);
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        var out = new GovernanceJson(server.json());
        routes.get(ROOT + "/whoami", api(ctx -> send(ctx, server, out.principal(auth.identify(ctx)))));
        routes.post(ROOT + "/keys", api(ctx -> createKey(ctx, server, out)));
        routes.get(ROOT + "/keys", api(ctx -> {
            auth.require(ctx, Role.ADMIN);
            var list = server.json().createObjectNode();
            var data = list.putArray("data");
            for (var k : gov.keys().list()) {
                ObjectNode o = out.principal(new Principal(k.keyId(), k.name(), k.role()));
                o.put("created_at", k.createdAt().toString());
                o.put("revoked_at", k.revokedAt() == null ? null : k.revokedAt().toString());
                data.add(o);
            }
            send(ctx, server, list);
        }));
        routes.delete(ROOT + "/keys/{key_id}", api(ctx -> {
            auth.require(ctx, Role.ADMIN);
            if (!gov.keys().revoke(ctx.pathParam("key_id"))) {
                throw new ApiException(404, "invalid_request_error", "not_found", null, "No active key "
                        + ctx.pathParam("key_id") + ".");
            }
            ctx.status(204);
        }));
        routes.post(ROOT + "/guidelines", api(ctx -> uploadGuideline(ctx, server, out)));
        routes.get(ROOT + "/guidelines", api(ctx -> {
            auth.identify(ctx);
            var list = server.json().createObjectNode();
            var data = list.putArray("data");
            gov.guidelines().list().forEach(g -> data.add(out.guideline(g, false)));
            send(ctx, server, list);
        }));
        routes.get(ROOT + "/guidelines/{id}", api(ctx -> {
            auth.identify(ctx);
            send(ctx, server, out.guideline(gov.guidelines().get(ctx.pathParam("id")), true));
        }));
        routes.post(ROOT + "/guidelines/{id}/activate", api(ctx -> send(ctx, server,
                out.guideline(gov.guidelines().activate(auth.identify(ctx), ctx.pathParam("id")), false))));
        routes.post(ROOT + "/content", api(ctx -> submit(ctx, server, out)));
        routes.get(ROOT + "/content", api(ctx -> {
            auth.identify(ctx);
            var list = server.json().createObjectNode();
            var data = list.putArray("data");
            gov.content().list(filter(ctx)).forEach(i -> data.add(out.item(i)));
            send(ctx, server, list);
        }));
        routes.get(ROOT + "/content/{id}", api(ctx -> {
            auth.identify(ctx);
            send(ctx, server, out.view(gov.content().view(ctx.pathParam("id"))));
        }));
        routes.post(ROOT + "/content/{id}/transitions", api(ctx -> {
            Principal who = auth.identify(ctx);
            var body = body(ctx, server);
            Action action = parse(() -> Action.parse(body.requiredString("action")), "action");
            ContentItem item = gov.content().act(who, ctx.pathParam("id"), action, body.string("comment").orElse(null),
                    expectedVersion(body));
            send(ctx, server, out.item(item));
        }));
        routes.post(ROOT + "/content/{id}/revisions", api(ctx -> {
            Principal who = auth.identify(ctx);
            var body = body(ctx, server);
            ContentItem item = gov.content().revise(who, ctx.pathParam("id"), body.requiredString("text"),
                    provenance(body), expectedVersion(body), body.bool("fix").orElse(false));
            ctx.status(201);
            send(ctx, server, out.view(gov.content().view(item.id())));
        }));
        routes.get(ROOT + "/content/{id}/audit", api(ctx -> {
            auth.identify(ctx);
            send(ctx, server, out.trail(gov.audit().forItem(ctx.pathParam("id"))));
        }));
        routes.get(ROOT + "/audit", api(ctx -> exportAudit(ctx, server, out)));
        routes.get(ROOT + "/publications", api(ctx -> {
            var list = server.json().createObjectNode();
            var data = list.putArray("data");
            gov.content().publications(limit(ctx), offset(ctx)).forEach(p -> data.add(out.publication(p)));
            send(ctx, server, list);
        }));
        routes.get(ROOT + "/publications/{id}", api(ctx -> send(ctx, server, out.publication(
                gov.content().publication(ctx.pathParam("id")).orElseThrow(() -> new ApiException(404,
                        "invalid_request_error", "not_found", null, "No published item " + ctx.pathParam("id") + "."))))));
    }

    private void createKey(Context ctx, ServerContext server, GovernanceJson out) throws IOException {
        auth.require(ctx, Role.ADMIN);
        var body = body(ctx, server);
        Role role = parse(() -> Role.parse(body.requiredString("role")), "role");
        var issued = parse(() -> gov.keys().create(body.requiredString("name"), role), "name");
        ObjectNode o = out.principal(issued.principal());
        o.put("key", issued.token());
        ctx.status(201);
        send(ctx, server, o);
    }

    private void uploadGuideline(Context ctx, ServerContext server, GovernanceJson out) throws IOException {
        Principal who = auth.identify(ctx);
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        String yaml = contentType.startsWith("application/json") ? body(ctx, server).requiredString("yaml") : ctx.body();
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.missing("yaml");
        }
        StoredGuideline g = gov.guidelines().upload(who, yaml);
        if ("true".equals(ctx.queryParam("activate"))) {
            g = gov.guidelines().activate(who, g.id());
        }
        ctx.status(201);
        send(ctx, server, out.guideline(g, false));
    }

    private void submit(Context ctx, ServerContext server, GovernanceJson out) throws IOException {
        Principal who = auth.require(ctx, Role.AUTHOR);
        var body = body(ctx, server);
        String title = body.string("title").orElse(null);
        String channel = body.string("channel").orElse(null);
        ContentItem item;
        Map<String, Object> governance = null;
        if (body.has("generate")) {
            JsonFields request = body.object("generate").orElseThrow();
            Generated g = generate(request, channel, server);
            item = gov.content().submit(who, new Submission(g.result().text(), title, channel, g.provenance(), false));
            governance = new LinkedHashMap<>();
            governance.put("status", g.result().status().name().toLowerCase(java.util.Locale.ROOT));
            governance.put("attempts", g.result().attempts().size());
        } else {
            item = gov.content().submit(who, new Submission(body.requiredString("text"), title, channel, provenance(body),
                    body.bool("fix").orElse(false)));
        }
        ObjectNode o = out.view(gov.content().view(item.id()));
        if (governance != null) {
            o.set("generation", server.json().valueToTree(governance));
        }
        ctx.status(201);
        send(ctx, server, o);
    }

    private record Generated(GuardedResult result, Provenance provenance) {
    }

    /** Generates the answer to a chat completion request under the active guideline (prompt check, constraint, fixes, re-asks). */
    private Generated generate(JsonFields request, String channel, ServerContext server) {
        ActiveGuideline g = governed.guideline().orElseThrow(() -> new ApiException(409, "invalid_request_error",
                "no_active_guideline", null, "No guideline is active: an admin must upload and activate one first."));
        List<ChatMessage> messages = ChatMessages.parse(request);
        var params = CompletionParams.parse(request, governed.model().tokenizer().vocabSize());
        var options = params.options(governed.model().contextSize(), server.config().requestTimeout());
        String prompt;
        try {
            prompt = governed.model().chatPrompt(messages);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidValue("generate.messages", e.getMessage());
        }
        Verdict requestVerdict = g.checker().checkRequest(governed.request(messages, null, options));
        if (requestVerdict.blocked()) {
            throw new GuidelineRefusal(requestVerdict);
        }
        GuardedResult result = governed.guarded(g, options).review(requestVerdict, messages, null,
                channel == null ? io.qat4j.guard.rule.Length.DEFAULT_CHANNEL : channel);
        var s = options.sampler();
        var settings = new LinkedHashMap<String, Object>();
        settings.put("temperature", s.temperature());
        settings.put("top_k", s.topK());
        settings.put("top_p", s.topP());
        settings.put("min_p", s.minP());
        settings.put("repeat_penalty", s.repetitionPenalty());
        settings.put("seed", s.seed());
        settings.put("max_tokens", options.maxTokens());
        settings.put("attempts", result.attempts().size());
        return new Generated(result, new Provenance(prompt, governed.modelFile(), governed.modelSha256(), settings));
    }

    private void exportAudit(Context ctx, ServerContext server, GovernanceJson out) throws IOException {
        auth.require(ctx, Role.REVIEWER);
        Instant since = null;
        String s = ctx.queryParam("since");
        if (s != null && !s.isBlank()) {
            try {
                since = Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.invalidValue("since", "Invalid value for 'since': '" + s
                        + "' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z.");
            }
        }
        var events = gov.audit().since(since);
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        switch (format) {
            case "csv" -> ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"qat4j-audit.csv\"").result(AuditCsv.of(events));
            case "json" -> send(ctx, server, out.trail(events));
            default -> throw ApiException.invalidValue("format", "Invalid value for 'format': '" + format
                    + "' (json or csv).");
        }
    }

    private static ContentFilter filter(Context ctx) {
        String state = ctx.queryParam("state");
        ContentState s = state == null || state.isBlank() ? null : parse(() -> ContentState.parse(state), "state");
        return parse(() -> new ContentFilter(s, blankToNull(ctx.queryParam("author")), blankToNull(ctx.queryParam("channel")),
                limit(ctx), offset(ctx)), "limit");
    }

    private static int limit(Context ctx) {
        return intParam(ctx, "limit", 50);
    }

    private static int offset(Context ctx) {
        return intParam(ctx, "offset", 0);
    }

    private static int intParam(Context ctx, String name, int defaultValue) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalidValue(name, "Invalid value for '" + name + "': '" + v + "' is not a whole number.");
        }
    }

    private static Long expectedVersion(JsonFields body) {
        var v = body.integer("expected_version", 1, Long.MAX_VALUE);
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Provenance provenance(JsonFields body) {
        return body.object("provenance").map(p -> {
            JsonNode settings = p.get("settings");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = settings == null ? Map.of()
                    : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(settings, Map.class);
            return new Provenance(p.string("prompt").orElse(null), p.string("model_file").orElse(null),
                    p.string("model_sha256").orElse(null), map);
        }).orElse(Provenance.NONE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Runs a parse that may throw IllegalArgumentException, reporting it as a bad value of {@code param}. */
    private static <T> T parse(java.util.function.Supplier<T> parse, String param) {
        try {
            return parse.get();
        } catch (ApiException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidValue(param, e.getMessage());
        }
    }

    private static JsonFields body(Context ctx, ServerContext server) throws IOException {
        return new JsonFields(JsonBody.read(ctx, server.config().maxBodyBytes(), server.json()));
    }

    private static void send(Context ctx, ServerContext server, JsonNode body) throws IOException {
        ctx.contentType("application/json").result(server.json().writeValueAsBytes(body));
    }

    private static Handler api(Handler h) {
        return WorkflowErrors.translated(h);
    }
}
