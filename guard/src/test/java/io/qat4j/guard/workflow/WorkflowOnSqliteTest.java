package io.qat4j.guard.workflow;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The workflow on the embedded default: a SQLite file. */
class WorkflowOnSqliteTest extends WorkflowContract {
    @TempDir
    Path dir;

    @Override
    String freshDatabaseUrl() {
        return urlForReopen();
    }

    @Override
    String urlForReopen() {
        return "jdbc:sqlite:" + dir.resolve("sub/governance.db");
    }
}
