package io.qat4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.guard.verdict.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qat4j guard review}: the review queue from the command line. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Reviews content: list the queue, show an item, approve, reject, request changes, publish.",
            "",
            "Works against a server (--server URL) or the store itself (--db JDBC_URL), with your governance",
            "key. The same rules hold either way: roles, four-eyes (nobody approves their own content),",
            "versions, audit.",
            "",
            "Examples:",
            "  export QAT4J_REVIEW_KEY=q4g_...",
            "  qat4j guard review list --server http://127.0.0.1:8080",
            "  qat4j guard review show c_1a2b3c4d5e6f7a8b --db jdbc:sqlite:qat4j-governance.db",
            "  qat4j guard review approve c_1a2b3c4d5e6f7a8b --comment 'Fine.' --server http://127.0.0.1:8080"},
        subcommands = {GuardReviewCommand.ListItems.class, GuardReviewCommand.Show.class, GuardReviewCommand.Approve.class,
            GuardReviewCommand.Reject.class, GuardReviewCommand.RequestChanges.class, GuardReviewCommand.Publish.class,
            CommandLine.HelpCommand.class})
final class GuardReviewCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static PrintStream out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    static String pretty(JsonNode node) throws Exception {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists content, newest change first (the queue by default).")
    static final class ListItems implements Callable<Integer> {
        @Mixin
        ReviewTarget target;

        @Option(names = "--state", paramLabel = "STATE", defaultValue = "in_review",
                description = "checked, in_review, approved, rejected, changes_requested, published or all (default: ${DEFAULT-VALUE})")
        String state;

        @Option(names = "--author", paramLabel = "NAME", description = "only this author's items")
        String author;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N items (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print the API's JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (ReviewBackend b = target.open()) {
                JsonNode list = b.list(state.equals("all") ? null : state, author, limit);
                PrintStream out = out();
                if (json) {
                    out.println(pretty(list));
                    return 0;
                }
                out.printf("%-18s  %-17s  %3s  %-12s  %-10s  %s%n", "ID", "STATE", "VER", "AUTHOR", "CHANNEL", "TITLE");
                for (JsonNode i : list.get("data")) {
                    out.printf("%-18s  %-17s  %3d  %-12s  %-10s  %s%n", i.get("id").asText(), i.get("state").asText(),
                            i.get("version").asLong(), i.get("author").asText(), i.get("channel").asText(),
                            i.path("title").asText(""));
                }
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows an item: its current text, the findings with their positions, provenance and audit trail.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ReviewTarget target;

        @Parameters(paramLabel = "ID", description = "the content item")
        String id;

        @Option(names = "--json", description = "print the API's JSON (every revision)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (ReviewBackend b = target.open()) {
                JsonNode item = b.show(id);
                JsonNode trail = b.audit(id);
                PrintStream out = out();
                if (json) {
                    var both = new ObjectMapper().createObjectNode();
                    both.set("item", item);
                    both.set("audit", trail);
                    out.println(pretty(both));
                    return 0;
                }
                JsonNode revisions = item.get("revisions");
                JsonNode current = revisions.get(revisions.size() - 1);
                out.printf("%s \"%s\": %s (version %d) by %s, channel %s, revision %d of %d by %s%n", item.get("id").asText(),
                        item.path("title").asText(""), item.get("state").asText(), item.get("version").asLong(),
                        item.get("author").asText(), item.get("channel").asText(), current.get("revision").asInt(),
                        revisions.size(), current.get("author").asText());
                String text = current.get("text").asText();
                out.println();
                out.println(text);
                out.println();
                Verdict verdict = Verdict.fromJson(current.get("verdict").toString());
                VerdictReport.print(out, "text", text, verdict);
                JsonNode p = current.get("provenance");
                if (!p.path("model_file").isNull() && p.has("model_file")) {
                    out.printf("model %s (sha256 %s), settings %s%n", p.get("model_file").asText(),
                            p.path("model_sha256").asText("?"), p.get("settings"));
                }
                out.println();
                out.println("audit trail" + (trail.get("chain_intact").asBoolean() ? "" : " (HASH CHAIN BROKEN)") + ":");
                for (JsonNode e : trail.get("data")) {
                    out.printf("  %2d %s %s (%s) %s: %s -> %s%s%n", e.get("seq").asInt(), e.get("at").asText(),
                            e.get("actor").asText(), e.get("actor_role").asText(), e.get("action").asText(),
                            e.get("from").isNull() ? "-" : e.get("from").asText(), e.get("to").asText(),
                            e.get("comment").isNull() ? "" : " \"" + e.get("comment").asText() + "\"");
                }
                return 0;
            }
        }
    }

    /** A decision on one item. */
    abstract static class Decision implements Callable<Integer> {
        @Mixin
        ReviewTarget target;

        @Parameters(paramLabel = "ID", description = "the content item")
        String id;

        @Option(names = "--comment", paramLabel = "TEXT", description = "why (required to reject or request changes)")
        String comment;

        @Option(names = "--expected-version", paramLabel = "N",
                description = "refuse if the item changed since you saw version N")
        Long expectedVersion;

        abstract String action();

        @Override
        public Integer call() throws Exception {
            try (ReviewBackend b = target.open()) {
                JsonNode item = b.act(id, action(), comment, expectedVersion);
                out().printf("%s is now %s (version %d)%n", item.get("id").asText(), item.get("state").asText(),
                        item.get("version").asLong());
                return 0;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves an item in review (not your own).")
    static final class Approve extends Decision {
        @Override
        String action() {
            return "approve";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Rejects an item for good (--comment required).")
    static final class Reject extends Decision {
        @Override
        String action() {
            return "reject";
        }
    }

    @Command(name = "request-changes", mixinStandardHelpOptions = true,
            description = "Sends an item back to its author (--comment required).")
    static final class RequestChanges extends Decision {
        @Override
        String action() {
            return "request_changes";
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publishes an approved item.")
    static final class Publish extends Decision {
        @Override
        String action() {
            return "publish";
        }
    }
}
