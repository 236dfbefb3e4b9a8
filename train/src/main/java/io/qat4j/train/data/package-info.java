/**
 * Training data: corpus files and folders (.gz too), the 90/5/5 byte split of testdata/corpus, the
 * {@link io.qat4j.train.data.Tokenizer} interface and the built-in byte tokenizer, a checkpointable
 * batch sampler, and bits-per-byte evaluation.
 */
package io.qat4j.train.data;
