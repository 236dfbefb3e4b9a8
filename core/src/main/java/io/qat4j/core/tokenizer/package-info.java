/**
 * Tokenizers and chat templates.
 *
 * <ul>
 * <li>{@link io.qat4j.core.tokenizer.Tokenizers#load} opens a GGUF's SentencePiece vocabulary or a
 *     Hugging Face {@code tokenizer.json} (file or directory) as a {@link io.qat4j.core.tokenizer.Tokenizer};
 * <li>{@link io.qat4j.core.tokenizer.Tokenizer#encode} / {@link io.qat4j.core.tokenizer.Tokenizer#decode},
 *     and {@link io.qat4j.core.tokenizer.IncrementalDecoder} for streaming generation;
 * <li>{@link io.qat4j.core.tokenizer.GgufVocabulary} reads and writes the {@code tokenizer.ggml.*} keys;
 * <li>{@link io.qat4j.core.tokenizer.ChatTemplate#gemma3()} renders a conversation of
 *     {@link io.qat4j.core.tokenizer.ChatMessage}s as Gemma 3's prompt text.
 * </ul>
 *
 * <p>Both tokenizers share one merge loop ({@code SymbolChain}: a linked list of symbols and a heap
 * of candidate pairs, O(n log n) per word) and differ only in how a pair is ranked: SentencePiece
 * by the score of the joined piece, Hugging Face BPE by the rank of the merge. Tokenizers are
 * immutable and safe to share between threads; decoders are per stream.
 */
package io.qat4j.core.tokenizer;
