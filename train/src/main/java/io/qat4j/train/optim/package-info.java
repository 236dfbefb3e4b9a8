/** AdamW in PyTorch's order of operations, warm-up + cosine learning-rate schedule, global-norm clipping. */
package io.qat4j.train.optim;
