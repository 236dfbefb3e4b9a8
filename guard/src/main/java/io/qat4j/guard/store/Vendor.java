package io.qat4j.guard.store;

import java.util.List;
import java.util.Properties;

/** The databases the governance store runs on, told apart by their JDBC URL. */
public enum Vendor {
    SQLITE("jdbc:sqlite:", "sqlite"),
    POSTGRESQL("jdbc:postgresql:", "postgresql");

    private final String urlPrefix;
    private final String migrationFolder;

    Vendor(String urlPrefix, String migrationFolder) {
        this.urlPrefix = urlPrefix;
        this.migrationFolder = migrationFolder;
    }

    /** The vendor of {@code jdbcUrl}; a clear error for any other database. */
    public static Vendor of(String jdbcUrl) {
        for (Vendor v : values()) {
            if (jdbcUrl != null && jdbcUrl.startsWith(v.urlPrefix)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported database URL '" + jdbcUrl
                + "': use jdbc:sqlite:FILE (the default, embedded) or jdbc:postgresql://HOST:PORT/DB?user=U&password=P");
    }

    /** Flyway locations: the portable schema, then this vendor's additions. */
    List<String> migrationLocations() {
        return List.of("classpath:io/qat4j/guard/db/common", "classpath:io/qat4j/guard/db/" + migrationFolder);
    }

    /**
     * Connection settings. SQLite: write-ahead log (readers never wait for the writer), full sync
     * at commit (a committed transition survives a crash), foreign keys on, writers wait up to 10 s
     * for each other, and transactions start IMMEDIATE (take the write lock at BEGIN, so two
     * read-then-write transactions cannot deadlock on the upgrade).
     */
    Properties connectionProperties() {
        var p = new Properties();
        if (this == SQLITE) {
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "FULL");
            p.setProperty("foreign_keys", "true");
            p.setProperty("busy_timeout", "10000");
            p.setProperty("transaction_mode", "IMMEDIATE");
        }
        return p;
    }
}
