/** Evaluation: perplexity, bits per byte, KL divergence, top-1 agreement, speed, size; reports. */
package io.qat4j.eval;
