package io.qat4j.train.model;

/** Offsets of one transformer block's tensors in the flat parameter (and gradient) array. */
public record LayerParams(
        int attnNorm,
        int q,
        int k,
        int v,
        int qNorm,
        int kNorm,
        int output,
        int postAttentionNorm,
        int ffnNorm,
        int gate,
        int up,
        int down,
        int postFfwNorm) {
}
