/** safetensors files: a memory-mapped reader that rejects hostile headers, and an atomic writer. */
package io.qat4j.core.safetensors;
