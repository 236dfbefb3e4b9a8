/**
 * The kernels of a training step ({@link io.qat4j.train.ops.TrainOps}): a plain-loop reference
 * ({@link io.qat4j.train.ops.ReferenceOps}) checked by finite differences and against PyTorch, and a
 * Vector-API, multi-threaded version ({@link io.qat4j.train.ops.FastOps}) checked against the reference.
 * The fast kernels are deterministic: fixed work partition, fixed reduction order, and vector math that
 * gives the same bits compiled or interpreted.
 */
package io.qat4j.train.ops;
