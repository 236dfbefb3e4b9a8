/**
 * Training data: corpus files and folders (.gz too), the 90/5/5 byte split of testdata/corpus, the
 * {@link io.qat4j.train.data.Tokenizer} interface with the built-in byte tokenizer and
 * {@link io.qat4j.train.data.GgufTokenizer} (a SentencePiece vocabulary from a GGUF file), a checkpointable
 * batch sampler, and bits-per-byte evaluation (bytes counted from the scored tokens).
 */
package io.qat4j.train.data;
