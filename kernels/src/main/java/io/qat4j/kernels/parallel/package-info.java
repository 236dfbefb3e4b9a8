/** A persistent worker pool for data-parallel kernels whose results must not depend on scheduling. */
package io.qat4j.kernels.parallel;
