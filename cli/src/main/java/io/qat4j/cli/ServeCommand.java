package io.qat4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.store.GovernanceDb;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.server.PrefixReuse;
import io.qat4j.server.Qat4jServer;
import io.qat4j.server.ServerConfig;
import io.qat4j.server.governance.GovernanceSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a model over an OpenAI-compatible HTTP API.",
            "",
            "Endpoints: POST /v1/chat/completions, POST /v1/completions, GET /v1/models, GET /health,",
            "GET /metrics (Prometheus).",
            "With --guidelines: every completion is governed (prompt check, masked banned terms, answer",
            "checked, fixed, re-asked or blocked; the verdict in the response field qat4j_verdict),",
            "POST /v1/governance/check checks without generating, and the review workflow runs on a store",
            "(--db, a SQLite file by default): the API under /v1/governance/... (governance keys: qat4j guard",
            "keys create) and the reviewer's page at /review. Several servers may share one PostgreSQL store.",
            "Point an OpenAI client (openai-java, LangChain4j, Spring AI...) at http://HOST:PORT/v1.",
            "Requests beyond --parallel wait in a queue of --queue; beyond that they get 429 with Retry-After.",
            "API keys may also come from the QAT4J_API_KEY environment variable (keys on a command line are",
            "visible to other users of the machine).",
            "",
            "Examples:",
            "  qat4j serve --model gemma-3-1b-it-q4_0.gguf",
            "  qat4j serve --model m.gguf --host 0.0.0.0 --port 9000 --parallel 8 --ctx 8192 --api-key \"$KEY\"",
            "  qat4j serve --model m.gguf --guidelines brand.yaml \\",
            "      --db 'jdbc:postgresql://db:5432/qat4j?user=q&password=p'"})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelLoadOptions load;

    @Option(names = "--host", paramLabel = "ADDR", description = "interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all)")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "N", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8080;

    @Option(names = {"-np", "--parallel"}, paramLabel = "N", description = "requests generated concurrently, batched together (default: ${DEFAULT-VALUE})")
    int parallel = 4;

    @Option(names = "--queue", paramLabel = "N", description = "requests that may wait for a free slot (default: ${DEFAULT-VALUE})")
    int queue = 64;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "limit per generation, queueing included; 0 = none (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 600;

    @Option(names = "--api-key", paramLabel = "KEY", description = "require 'Authorization: Bearer KEY' on /v1/... (repeatable)")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = "--model-id", paramLabel = "ID", description = "the id clients name in 'model' (default: the file name without .gguf)")
    String modelId;

    @Option(names = "--alias", paramLabel = "ID", description = "another id accepted for the model, e.g. gpt-4o-mini for clients that insist (repeatable)")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--prefix-reuse", paramLabel = "MODE",
            description = "keep prompt prefixes (a repeated system prompt) in the KV cache: auto, on or off (default: auto;"
                    + " auto = on when the larger caches take at most half the free heap)")
    PrefixReuse.Mode prefixReuse = PrefixReuse.Mode.AUTO;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "largest request body (default: ${DEFAULT-VALUE})")
    long maxBody = ServerConfig.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--guidelines", paramLabel = "G.yaml", description = "govern every completion with these brand guidelines"
            + " (stored and activated in the --db store)")
    Path guidelines;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "the governance store: jdbc:sqlite:FILE or"
            + " jdbc:postgresql://HOST:PORT/DB?user=U&password=P (default with --guidelines: "
            + GovernanceDb.DEFAULT_URL + "); without --guidelines, the store's active guideline governs")
    String db;

    @Option(names = "--no-db", description = "with --guidelines, govern completions without a store (no review workflow)")
    boolean noDb;

    @Option(names = "--max-reasks", paramLabel = "N", description = "regenerations allowed when a rule says reask (default: ${DEFAULT-VALUE})")
    int maxReasks = 2;

    /** A started server, the model under it and the governance store (or null); closing stops all. */
    record Running(LocalModel model, Qat4jServer server, PrefixReuse reuse, Governance store) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            model.close();
            if (store != null) {
                store.close();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running = start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "qat4j-serve-shutdown"));
        var s = running.server();
        System.out.printf("qat4j serve: %s as '%s' on %s/v1 (%d slots x %d tokens, queue %d, %s, timeout %s)%n",
                load.model, s.config().modelId(), s.url(), running.model().slots(), running.model().contextSize(), queue,
                running.reuse().describe(), timeoutSeconds > 0 ? timeoutSeconds + " s" : "none");
        if (running.store() != null) {
            System.out.printf("governance: store %s; review page %s/review%n", running.store().db().describe(), s.url());
        } else if (guidelines != null) {
            System.out.printf("governance: %s (no store: no review workflow)%n", guidelines);
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Loads the model and starts serving (tests call this and close what it returns). */
    Running start() throws IOException {
        if (parallel < 1 || queue < 0 || timeoutSeconds < 0) {
            throw new IllegalArgumentException("--parallel must be ≥ 1, --queue ≥ 0 and --timeout ≥ 0");
        }
        var options = load.toOptions().withSlots(parallel, queue);
        var reuse = PrefixReuse.plan(prefixReuse, load.model, options);
        var ids = new ArrayList<String>();
        ids.add(modelId != null ? modelId : defaultId(load.model));
        ids.addAll(aliases);
        var keys = new HashSet<>(apiKeys);
        String envKey = System.getenv("QAT4J_API_KEY");
        if (envKey != null && !envKey.isBlank()) {
            keys.add(envKey.strip());
        }
        var config = ServerConfig.defaults(ids.getFirst()).withAddress(host, port).withModelIds(ids).withApiKeys(keys)
                .withMaxBodyBytes(maxBody).withRequestTimeout(timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : null);
        if (maxReasks < 0) {
            throw new IllegalArgumentException("--max-reasks must be ≥ 0");
        }
        if (noDb && db != null) {
            throw new IllegalArgumentException("--no-db and --db exclude each other");
        }
        String yaml = guidelines == null ? null : Files.readString(guidelines);
        if (yaml != null) {
            Guidelines.parse(yaml, guidelines.toString()); // a bad file fails before the model loads
        }
        Governance store = db != null || (guidelines != null && !noDb)
                ? Governance.open(db != null ? db : GovernanceDb.DEFAULT_URL) : null;
        LocalModel model = null;
        try {
            model = Qat4j.load(load.model, reuse.apply(options));
            var builder = GovernanceSetup.apply(Qat4jServer.builder(model, config), model, yaml,
                    guidelines == null ? null : guidelines.toString(), store, maxReasks);
            return new Running(model, builder.start(), reuse, store);
        } catch (IOException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    static String defaultId(Path model) {
        return model.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
    }
}
