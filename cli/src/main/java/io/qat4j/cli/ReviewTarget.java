package io.qat4j.cli;

import io.qat4j.guard.store.GovernanceDb;
import picocli.CommandLine.Option;

/** Where {@code guard review} works and as whom. */
final class ReviewTarget {
    static final String KEY_ENV = "QAT4J_REVIEW_KEY";

    @Option(names = "--server", paramLabel = "URL", description = "a qat4j server, e.g. http://127.0.0.1:8080")
    String server;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "the store itself (default without --server: "
            + GovernanceDb.DEFAULT_URL + ")")
    String db;

    @Option(names = "--api-key", paramLabel = "KEY", description = "your governance key (or the " + KEY_ENV
            + " environment variable, which other users cannot see)")
    String apiKey;

    ReviewBackend open() {
        String key = apiKey != null ? apiKey : System.getenv(KEY_ENV);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an API key is required: --api-key KEY or " + KEY_ENV);
        }
        if (server != null && db != null) {
            throw new IllegalArgumentException("--server and --db exclude each other");
        }
        return server != null ? new RemoteReview(server, key.strip())
                : new LocalReview(db != null ? db : GovernanceDb.DEFAULT_URL, key.strip());
    }
}
