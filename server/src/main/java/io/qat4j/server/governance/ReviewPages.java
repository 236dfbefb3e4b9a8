package io.qat4j.server.governance;

import static io.qat4j.server.governance.Html.esc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.qat4j.guard.review.Action;
import io.qat4j.guard.review.AuditEvent;
import io.qat4j.guard.review.ContentItem;
import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Principal;
import io.qat4j.guard.review.Revision;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Verdict;
import io.qat4j.guard.workflow.ContentWorkflow.ContentView;

/** The reviewer's pages as HTML: sign-in, the queue, an item. Every value from the store is escaped. */
final class ReviewPages {
    static final List<ContentState> TABS = List.of(ContentState.IN_REVIEW, ContentState.CHANGES_REQUESTED,
            ContentState.APPROVED, ContentState.PUBLISHED, ContentState.REJECTED);

    private ReviewPages() {
    }

    static String login(String error) {
        String body = """
                <h1>Sign in</h1>
                %s
                <div class="panel">
                <form method="post" action="/review/login">
                <p><label for="key">Your qat4j API key (reviewer or admin; authors see their items)</label></p>
                <p><input type="password" id="key" name="key" autocomplete="off" required autofocus></p>
                <p class="actions"><button type="submit" class="approve" id="sign-in">Sign in</button></p>
                </form>
                <p class="muted">Keys are created with <code>qat4j guard keys create --db … --name NAME --role reviewer</code>.</p>
                </div>
                """.formatted(error == null ? "" : "<div class=\"error-banner\">" + esc(error) + "</div>");
        return Html.page("Sign in", null, body);
    }

    /** One line of the queue: the item and its current revision's verdict. */
    record Row(ContentItem item, Verdict verdict) {
    }

    static String queue(Principal who, ContentState state, List<Row> rows, Map<ContentState, Integer> counts) {
        var sb = new StringBuilder();
        sb.append("<h1>").append(state == null ? "All content" : esc(title(state))).append("</h1>\n<nav class=\"tabs\">");
        for (ContentState s : TABS) {
            sb.append("<a href=\"/review?state=").append(s.label()).append('"').append(s == state ? " class=\"on\"" : "")
                    .append('>').append(esc(title(s))).append(" (").append(counts.getOrDefault(s, 0)).append(")</a>");
        }
        sb.append("<a href=\"/review?state=all\"").append(state == null ? " class=\"on\"" : "").append(">All</a></nav>\n");
        if (rows.isEmpty()) {
            sb.append("<div class=\"panel\" id=\"empty\">Nothing here.</div>");
        } else {
            sb.append("<table id=\"queue\"><thead><tr><th>Title</th><th>Author</th><th>Channel</th><th>State</th>"
                    + "<th>Score</th><th>Findings</th><th>Updated (UTC)</th></tr></thead><tbody>\n");
            for (Row r : rows) {
                ContentItem i = r.item();
                sb.append("<tr data-item=\"").append(esc(i.id())).append("\"><td><a href=\"/review/items/")
                        .append(esc(i.id())).append("\">").append(esc(i.title() == null || i.title().isBlank()
                                ? i.id() : i.title())).append("</a></td><td>").append(esc(i.author())).append("</td><td>")
                        .append(esc(i.channel())).append("</td><td>").append(stateBadge(i.state())).append("</td><td>")
                        .append(scoreBadge(r.verdict())).append("</td><td>").append(r.verdict().findings().size())
                        .append("</td><td class=\"muted\">").append(when(i.updatedAt())).append("</td></tr>\n");
            }
            sb.append("</tbody></table>");
        }
        return Html.page(state == null ? "All content" : title(state), userBar(who), sb.toString());
    }

    static String item(Principal who, ContentView view, List<AuditEvent> trail, List<Action> allowed, String error,
            String notice) {
        ContentItem i = view.item();
        Revision r = view.current();
        Verdict v = r.verdict();
        var sb = new StringBuilder();
        sb.append("<p class=\"muted\"><a href=\"/review\">← queue</a></p>");
        sb.append("<h1>").append(esc(i.title() == null || i.title().isBlank() ? i.id() : i.title())).append(' ')
                .append(stateBadge(i.state())).append("</h1>");
        if (error != null) {
            sb.append("<div class=\"error-banner\" id=\"error\">").append(esc(error)).append("</div>");
        }
        if (notice != null) {
            sb.append("<div class=\"notice\" id=\"notice\">").append(esc(notice)).append("</div>");
        }
        sb.append("<p class=\"muted\">").append(esc(i.id())).append(" · by ").append(esc(i.author())).append(" · channel ")
                .append(esc(i.channel())).append(" · revision ").append(r.number()).append(" of ")
                .append(view.revisions().size()).append(" (by ").append(esc(r.author())).append(")</p>");

        sb.append("<div class=\"panel\"><h2>Text</h2><div class=\"text\" id=\"text\">")
                .append(Highlighter.html(r.text(), v.findings())).append("</div></div>");

        sb.append("<div class=\"panel\"><h2>Verdict ").append(scoreBadge(v)).append("</h2><p>score ").append(v.score())
                .append("/100 · gate ").append(v.gateScore()).append(" · threshold ").append(v.threshold()).append(" · ")
                .append(v.blocked() ? "<strong>blocked: can never be approved</strong>" : v.passed() ? "passes" : "fails")
                .append(" · guideline ").append(esc(v.guideline())).append(' ').append(esc(v.guidelineVersion()))
                .append("</p>");
        if (v.findings().isEmpty()) {
            sb.append("<p>No findings.</p>");
        } else {
            sb.append("<ol class=\"findings\" id=\"findings\">");
            int n = 1;
            for (Finding f : v.findings()) {
                sb.append("<li id=\"f").append(n).append("\"><span class=\"sev ").append(f.severity().label()).append("\">")
                        .append(f.severity().label()).append("</span> ");
                if (f.span() != null && f.target() == io.qat4j.guard.verdict.Target.OUTPUT) {
                    sb.append("<a href=\"#m").append(n).append("\">");
                    sb.append(f.excerpt() == null ? "at " + f.span().start() : "“" + esc(f.excerpt()) + "”").append("</a> ");
                }
                sb.append(esc(f.message()));
                if (f.suggestion() != null) {
                    sb.append(" — <span class=\"suggestion\">").append(esc(f.suggestion())).append("</span>");
                }
                sb.append(" <span class=\"rule\">[").append(esc(f.ruleId())).append(" · ").append(f.onFail().label())
                        .append("]</span></li>");
                n++;
            }
            sb.append("</ol>");
        }
        sb.append("</div>");

        if (!allowed.isEmpty()) {
            sb.append("<div class=\"panel actions\"><h2>Decision</h2><form method=\"post\" action=\"/review/items/")
                    .append(esc(i.id())).append("\"><input type=\"hidden\" name=\"version\" value=\"").append(i.version())
                    .append("\"><label for=\"comment\">Comment (required to reject or request changes)</label>")
                    .append("<textarea id=\"comment\" name=\"comment\"></textarea>");
            for (Action a : allowed) {
                sb.append("<button type=\"submit\" name=\"action\" value=\"").append(a.label()).append("\" id=\"action-")
                        .append(a.label()).append("\" class=\"").append(buttonClass(a)).append("\">").append(esc(label(a)))
                        .append("</button>");
            }
            sb.append("</form></div>");
        }

        var p = r.provenance();
        sb.append("<div class=\"panel\"><h2>Prompt and settings</h2><dl>");
        row(sb, "prompt", p.prompt() == null ? "(written by a person)" : null, p.prompt());
        row(sb, "model", p.modelFile(), null);
        row(sb, "model SHA-256", p.modelSha256(), null);
        p.settings().forEach((k, val) -> row(sb, k, String.valueOf(val), null));
        row(sb, "guideline", v.guideline() + " " + v.guidelineVersion() + " (" + r.guidelineId() + ")", null);
        sb.append("</dl></div>");

        if (view.revisions().size() > 1) {
            sb.append("<div class=\"panel\"><h2>Earlier revisions</h2>");
            for (Revision old : view.revisions()) {
                if (old.number() != r.number()) {
                    sb.append("<details><summary>revision ").append(old.number()).append(" by ").append(esc(old.author()))
                            .append(" · score ").append(old.verdict().score()).append("</summary><div class=\"text\">")
                            .append(Highlighter.html(old.text(), old.verdict().findings())).append("</div></details>");
                }
            }
            sb.append("</div>");
        }

        sb.append("<div class=\"panel\"><h2>Audit trail</h2><table id=\"audit\"><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th>"
                + "<th>Action</th><th>From → to</th><th>Rev.</th><th>Comment</th></tr></thead><tbody>");
        for (AuditEvent e : trail) {
            sb.append("<tr><td>").append(e.seq()).append("</td><td class=\"muted\">").append(when(e.at()))
                    .append("</td><td>").append(esc(e.actor())).append(" <span class=\"muted\">(").append(esc(e.actorRole()))
                    .append(")</span></td><td>").append(esc(e.action().label())).append("</td><td>")
                    .append(e.from() == null ? "—" : esc(e.from().label())).append(" → ").append(esc(e.to().label()))
                    .append("</td><td>").append(e.revision()).append("</td><td>").append(esc(e.comment())).append("</td></tr>");
        }
        sb.append("</tbody></table></div>");
        return Html.page(i.title() == null ? i.id() : i.title(), userBar(who), sb.toString());
    }

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A time to the second (UTC; the page's CSS keeps it on one line); the exact instant is its tooltip. */
    private static String when(Instant t) {
        String exact = esc(t.toString());
        return "<time datetime=\"" + exact + "\" title=\"" + exact + "\">" + SECONDS.format(t) + "</time>";
    }

    private static void row(StringBuilder sb, String name, String value, String preformatted) {
        if (value == null && preformatted == null) {
            return;
        }
        sb.append("<dt>").append(esc(name)).append("</dt><dd>");
        if (preformatted != null) {
            sb.append("<pre>").append(esc(preformatted)).append("</pre>");
        } else {
            sb.append(esc(value));
        }
        sb.append("</dd>");
    }

    private static String userBar(Principal who) {
        return "<span>" + esc(who.name()) + " (" + esc(who.role().label()) + ")</span>"
                + "<form method=\"post\" action=\"/review/logout\"><button type=\"submit\">Sign out</button></form>";
    }

    private static String stateBadge(ContentState s) {
        return "<span class=\"badge st-" + s.label() + "\">" + esc(s.label().replace('_', ' ')) + "</span>";
    }

    private static String scoreBadge(Verdict v) {
        return "<span class=\"badge " + (v.passed() && !v.blocked() ? "score-pass" : "score-fail") + "\">" + v.score()
                + (v.blocked() ? " · blocked" : "") + "</span>";
    }

    private static String title(ContentState s) {
        return switch (s) {
            case CHECKED -> "Checked";
            case IN_REVIEW -> "In review";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
            case CHANGES_REQUESTED -> "Changes requested";
            case PUBLISHED -> "Published";
        };
    }

    private static String label(Action a) {
        return switch (a) {
            case APPROVE -> "Approve";
            case REQUEST_CHANGES -> "Request changes";
            case REJECT -> "Reject";
            case PUBLISH -> "Publish";
            default -> a.label();
        };
    }

    private static String buttonClass(Action a) {
        return switch (a) {
            case APPROVE -> "approve";
            case PUBLISH -> "publish";
            case REJECT -> "reject";
            default -> "neutral";
        };
    }
}
