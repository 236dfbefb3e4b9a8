/** Atomic training checkpoints (safetensors: parameters, AdamW moments, and the run state as metadata). */
package io.qat4j.train.checkpoint;
