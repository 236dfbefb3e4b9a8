/**
 * The review workflow as services over the governance database: {@link ApiKeys} (who may act),
 * {@link GuidelineLibrary} (guideline versions, the active one), {@link ContentWorkflow} (submit,
 * revise, approve, reject, request changes, publish) and {@link AuditLog}; {@link Governance}
 * opens them together. Every state change and its audit event commit in one transaction, and a
 * change names the item version it saw, so of two concurrent transitions exactly one wins.
 */
package io.qat4j.guard.workflow;
