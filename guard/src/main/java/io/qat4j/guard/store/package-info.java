/**
 * Persistence of the governance data over JDBC: an embedded SQLite file by default, PostgreSQL for
 * several servers sharing one store. The same repositories and the same portable migrations run on
 * both (Flyway, {@code db/common}); only what SQL cannot say portably lives in {@code db/sqlite}
 * and {@code db/postgresql} (the triggers that make revisions and audit events append-only).
 */
package io.qat4j.guard.store;
