package io.qat4j.guard.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The governance database: opened from a JDBC URL, migrated to the current schema on open, and
 * used through {@link #transaction}: all of a piece of work commits, or none of it. Connections
 * are kept for reuse (a few), never shared between threads at once. Thread-safe.
 */
public final class GovernanceDb implements AutoCloseable {
    /** The embedded default: a SQLite file in the working directory. */
    public static final String DEFAULT_URL = "jdbc:sqlite:qat4j-governance.db";
    private static final int MAX_IDLE = 8;

    private final String url;
    private final Vendor vendor;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private GovernanceDb(String url, Vendor vendor) {
        this.url = url;
        this.vendor = vendor;
    }

    /** Opens the database at {@code jdbcUrl} and applies the migrations it lacks. */
    public static GovernanceDb open(String jdbcUrl) {
        Vendor vendor = Vendor.of(jdbcUrl);
        if (vendor == Vendor.SQLITE) {
            createParentFolder(jdbcUrl);
        }
        var db = new GovernanceDb(jdbcUrl, vendor);
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, null, null)
                    .locations(vendor.migrationLocations().toArray(String[]::new))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot prepare the governance database " + db.describe() + ": " + e.getMessage(), e);
        }
        return db;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The URL without credentials, for messages. */
    public String describe() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * Runs {@code work} in one transaction and commits; on any exception it rolls back and
     * rethrows (SQL errors as {@link StoreException}, the rest as they are).
     */
    public <T> T transaction(SqlWork<T> work) {
        Connection c = borrow();
        boolean reusable = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            c.setAutoCommit(true);
            reusable = true;
            return result;
        } catch (SQLException e) {
            rollback(c);
            throw new StoreException("governance database " + describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(c);
            try {
                c.setAutoCommit(true);
                reusable = true;
            } catch (SQLException broken) {
                e.addSuppressed(broken);
            }
            throw e;
        } finally {
            giveBack(c, reusable);
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new IllegalStateException("the governance database " + describe() + " is closed");
        }
        Connection c = idle.pollFirst();
        if (c != null) {
            return c;
        }
        try {
            return DriverManager.getConnection(url, vendor.connectionProperties());
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the governance database " + describe() + ": " + e.getMessage(), e);
        }
    }

    private void giveBack(Connection c, boolean reusable) {
        if (reusable && !closed && idle.size() < MAX_IDLE) {
            idle.addFirst(c);
            if (closed && idle.remove(c)) {
                quietlyClose(c); // close() ran meanwhile and did not see this one
            }
            return;
        }
        quietlyClose(c);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; it is closed, not reused, and the original error is reported.
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing left to do with a connection that will not close.
        }
    }

    private static void createParentFolder(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder " + parent + " for the governance database", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            quietlyClose(c);
        }
    }
}
