/**
 * Tokenizer training ({@code qat4j tokenizer-train}): {@link io.qat4j.train.tokenizer.BpeTrainer} learns a
 * SentencePiece-style BPE vocabulary with byte fallback and Gemma's reserved tokens
 * ({@link io.qat4j.train.tokenizer.ReservedTokens}); {@link io.qat4j.train.tokenizer.BpeVocabulary} holds
 * the result and writes it as GGUF {@code tokenizer.ggml.*} keys, which
 * {@link io.qat4j.core.tokenizer.SentencePieceTokenizer} and llama.cpp read.
 */
package io.qat4j.train.tokenizer;
