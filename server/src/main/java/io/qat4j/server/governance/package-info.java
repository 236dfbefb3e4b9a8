/**
 * Governance in the server: the completion hook that validates requests, constrains decoding and
 * checks (fixes, re-asks, blocks) answers; {@code POST /v1/governance/check}; the review workflow
 * API under {@code /v1/governance/…}; and the reviewer's web page at {@code /review}.
 * {@link GovernanceSetup} adds them to a server.
 */
package io.qat4j.server.governance;
