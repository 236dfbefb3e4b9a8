package io.qat4j.server.governance;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.ContentFilter;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Transitions;
import io.qat4j.guard.review.WorkflowException;
import io.qat4j.guard.workflow.ContentWorkflow.ContentView;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.server.ApiException;
import io.qat4j.server.ApiModule;
import io.qat4j.server.ServerContext;

/**
 * The reviewer's web page, server-rendered HTML with no scripts and nothing fetched from
 * elsewhere: {@code GET /review} (the queue, by state), {@code GET /review/items/{id}} (the text
 * with its findings highlighted, suggestions, prompt and settings, audit trail, and the decisions
 * the signed-in person may take), {@code POST /review/items/{id}} (a decision). Sign-in takes an
 * API key and keeps it in an HttpOnly, SameSite=Strict cookie; posts from another origin are refused.
 */
public final class ReviewPageModule implements ApiModule {
    private final Governance gov;
    private final GovernanceAuth auth;

    public ReviewPageModule(Governance gov) {
        this.gov = gov;
        this.auth = new GovernanceAuth(gov.keys());
    }

    @Override
    public void register(RoutesConfig routes, ServerContext server) {
        routes.get("/review", this::queue);
        routes.get("/review/login", ctx -> ctx.html(ReviewPages.login(null)));
        routes.post("/review/login", this::login);
        routes.post("/review/logout", ctx -> {
            sameOrigin(ctx);
            ctx.cookie(sessionCookie("", 0));
            ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
        });
        routes.get("/review/items/{id}", ctx -> item(ctx, null, done(ctx.queryParam("done"))));
        routes.post("/review/items/{id}", this::decide);
    }

    private Principal signedIn(Context ctx) {
        try {
            return auth.identify(ctx);
        } catch (ApiException e) {
            return null;
        }
    }

    private void queue(Context ctx) {
        Principal who = signedIn(ctx);
        if (who == null) {
            ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
            return;
        }
        String s = ctx.queryParam("state");
        ContentState state;
        if ("all".equals(s)) {
            state = null;
        } else {
            try {
                state = s == null || s.isBlank() ? ContentState.IN_REVIEW : ContentState.parse(s);
            } catch (IllegalArgumentException e) {
                state = ContentState.IN_REVIEW;
            }
        }
        var counts = new EnumMap<ContentState, Integer>(ContentState.class);
        for (ContentState tab : ReviewPages.TABS) {
            counts.put(tab, gov.content().list(new ContentFilter(tab, null, null, ContentFilter.MAX_LIMIT, 0)).size());
        }
        var rows = new ArrayList<ReviewPages.Row>();
        for (var i : gov.content().list(new ContentFilter(state, null, null, 200, 0))) {
            rows.add(new ReviewPages.Row(i, gov.content().view(i.id()).current().verdict()));
        }
        if (state == ContentState.IN_REVIEW) {
            rows.sort(java.util.Comparator.comparing(r -> r.item().updatedAt())); // oldest waiting first
        }
        ctx.html(ReviewPages.queue(who, state, rows, counts));
    }

    private void login(Context ctx) {
        sameOrigin(ctx);
        String key = ctx.formParam("key");
        if (key == null || gov.keys().authenticate(key.strip()).isEmpty()) {
            ctx.status(401).html(ReviewPages.login("That key is not valid."));
            return;
        }
        ctx.cookie(sessionCookie(key.strip(), 8 * 3600));
        ctx.redirect("/review", HttpStatus.SEE_OTHER);
    }

    private void item(Context ctx, String error, String notice) {
        Principal who = signedIn(ctx);
        if (who == null) {
            ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
            return;
        }
        ContentView view;
        try {
            view = gov.content().view(ctx.pathParam("id"));
        } catch (WorkflowException e) {
            ctx.status(404).html(Html.page("Not found", null, "<h1>Not found</h1><p>" + Html.esc(e.getMessage())
                    + "</p><p><a href=\"/review\">← queue</a></p>"));
            return;
        }
        ctx.html(ReviewPages.item(who, view, gov.audit().forItem(view.item().id()), allowed(who, view), error, notice));
    }

    private void decide(Context ctx) {
        sameOrigin(ctx);
        Principal who = signedIn(ctx);
        if (who == null) {
            ctx.redirect("/review/login", HttpStatus.SEE_OTHER);
            return;
        }
        String id = ctx.pathParam("id");
        try {
            Action action = Action.parse(String.valueOf(ctx.formParam("action")));
            Long version = ctx.formParam("version") == null ? null : Long.parseLong(ctx.formParam("version"));
            gov.content().act(who, id, action, ctx.formParam("comment"), version);
            ctx.redirect("/review/items/" + id + "?done=" + action.label(), HttpStatus.SEE_OTHER);
        } catch (WorkflowException e) {
            ctx.status(WorkflowErrors.of(e).status());
            item(ctx, e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            item(ctx, e.getMessage(), null);
        }
    }

    /** The notice after a decision (the redirect names it), or null. */
    private static String done(String action) {
        try {
            return action == null ? null : switch (Action.parse(action)) {
                case APPROVE -> "Approved.";
                case REQUEST_CHANGES -> "Changes requested.";
                case REJECT -> "Rejected.";
                case PUBLISH -> "Published.";
                default -> null;
            };
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The decisions {@code who} may take now: those the workflow's rules would accept (a comment assumed). */
    private static List<Action> allowed(Principal who, ContentView view) {
        var out = new ArrayList<Action>();
        for (Action a : List.of(Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT, Action.PUBLISH)) {
            try {
                Transitions.target(who, a, view.item(), view.current(), "comment");
                out.add(a);
            } catch (WorkflowException notAllowed) {
                // not offered
            }
        }
        return out;
    }

    private static Cookie sessionCookie(String value, int maxAgeSeconds) {
        return new Cookie(GovernanceAuth.COOKIE, value, "/review", maxAgeSeconds, false, true, null, SameSite.STRICT);
    }

    /** Refuses a form posted from another site (with SameSite=Strict cookies, a second line of defence). */
    private static void sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return;
        }
        String host = ctx.header("Host");
        try {
            URI o = URI.create(origin);
            String originHost = o.getHost() + (o.getPort() >= 0 ? ":" + o.getPort() : "");
            if (host != null && host.equalsIgnoreCase(originHost)) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // refused below
        }
        throw GovernanceAuth.forbidden("Refused a form posted from " + origin + ".");
    }
}
