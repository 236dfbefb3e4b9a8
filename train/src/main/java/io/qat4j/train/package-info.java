/** Training: explicit forward and backward passes, optimiser, data, checkpoints. */
package io.qat4j.train;
