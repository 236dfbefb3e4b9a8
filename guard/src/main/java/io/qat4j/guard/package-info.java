/** Governance: brand guidelines, checks, decode-time constraints, review workflow. */
package io.qat4j.guard;
