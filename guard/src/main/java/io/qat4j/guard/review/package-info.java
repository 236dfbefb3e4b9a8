/**
 * The review workflow's model: content items and their immutable revisions, states and the
 * transitions between them, roles, and audit events. No storage here: see
 * {@link io.qat4j.guard.store} and {@link io.qat4j.guard.workflow}.
 */
package io.qat4j.guard.review;
