/** Matrix multiplication for training: a Vector-API register-tiled GEMM and its scalar reference. */
package io.qat4j.kernels.gemm;
