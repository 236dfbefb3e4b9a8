package io.qat4j.train.tokenizer;

/**
 * One learned merge: adjacent symbols {@code left} and {@code right} become the piece {@code id}. Its
 * rank is {@code id - firstMergeId}; the vocabulary scores it {@code -rank}.
 */
public record BpeMerge(int left, int right, int id) {}
