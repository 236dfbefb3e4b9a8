package io.qat4j.guard.workflow;

import io.qat4j.testkit.TestPostgres;

/** The workflow on a real PostgreSQL server (CI starts one; see .ci/run). */
class WorkflowOnPostgresTest extends WorkflowContract {
    private TestPostgres.Schema schema;

    @Override
    String freshDatabaseUrl() {
        schema = TestPostgres.freshSchema();
        return schema.url();
    }

    @Override
    String urlForReopen() {
        return schema.url();
    }

    @Override
    void dropDatabase() {
        if (schema != null) {
            schema.close();
        }
    }
}
