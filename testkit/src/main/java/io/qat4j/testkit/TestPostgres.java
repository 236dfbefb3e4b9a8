package io.qat4j.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server for tests, named by a JDBC URL in the system property
 * {@value #URL_PROPERTY} or the environment variable {@value #URL_ENV}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:55432/qat4j?user=qat4j&password=qat4j}).
 *
 * <p>Without one, tests that need it are skipped; CI starts a server and sets
 * {@code -D}{@value #REQUIRE_PROPERTY}{@code =true}, which turns a missing server into a failure.
 * Each test gets a schema of its own, dropped when it is closed.
 */
public final class TestPostgres {
    public static final String URL_PROPERTY = "qat4j.testPostgresUrl";
    public static final String URL_ENV = "QAT4J_TEST_PG_URL";
    public static final String REQUIRE_PROPERTY = "qat4j.requirePostgres";

    private TestPostgres() {}

    /** The configured server's URL, or a skip (a failure under CI) when none is configured. */
    public static String url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_ENV);
        }
        if (url == null || url.isBlank()) {
            String msg = "no PostgreSQL server configured (set " + URL_ENV + " or -D" + URL_PROPERTY + ")";
            if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                throw new AssertionError(msg + "; CI requires one (" + REQUIRE_PROPERTY + "=true)");
            }
            Assumptions.abort(msg + "; skipping this test");
        }
        return url.strip();
    }

    /** A new empty schema on the server; the URL it gives makes it the connection's default schema. */
    public static Schema freshSchema() {
        String base = url();
        String name = "t_" + HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        execute(base, "CREATE SCHEMA " + name);
        return new Schema(base, name);
    }

    /** A schema of one test; {@link #close()} drops it with everything in it. */
    public record Schema(String serverUrl, String name) implements AutoCloseable {
        public String url() {
            return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() {
            execute(serverUrl, "DROP SCHEMA " + name + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url.replaceAll("(?i)(password=)[^&]*", "$1***") + ": " + sql
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
