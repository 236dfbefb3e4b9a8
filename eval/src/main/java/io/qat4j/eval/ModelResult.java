package io.qat4j.eval;

/**
 * What the evaluation measured for one model.
 *
 * @param model            the GGUF path as given
 * @param label            its name in tables and plots
 * @param role             float, rtn, qat... (from the label)
 * @param weightType       the GGML type holding most of the weights (Q4_0, Q8_0, F32...)
 * @param embeddingType    the GGML type of the (tied) token embedding, or null when unknown
 * @param vocabSize        tokens in the vocabulary
 * @param windowTokens     window length used
 * @param windows          windows scored
 * @param tokensScored     tokens predicted
 * @param bytesScored      UTF-8 bytes of text those tokens cover
 * @param nats             total negative log-likelihood
 * @param klVsReference    mean KL(reference ‖ model) per token in nats, or null without a reference
 * @param top1Agreement    fraction of tokens where the model's argmax equals the reference's, or null
 * @param fileBytes        size of the GGUF file
 * @param memoryBytes      weights plus a float32 KV cache for the model's full context: the memory one
 *                         conversation needs, activations aside
 * @param prefillTps       prompt tokens/s of one batch (null when not measured)
 * @param decodeTps        generated tokens/s, one at a time (null when not measured)
 * @param scoringTps       tokens/s of the evaluation's own forward passes (all logits of each window)
 * @param rtnGapRecovered  1 − (bpb − bpb_control) / (bpb_rtn − bpb_float), or null (see {@link GapRecovery})
 */
public record ModelResult(String model, String label, ModelRole role, String weightType, String embeddingType,
        int vocabSize, int windowTokens, int windows, long tokensScored, long bytesScored, double nats, Double klVsReference, Double top1Agreement,
        long fileBytes, long memoryBytes, Double prefillTps, Double decodeTps, double scoringTps, Double rtnGapRecovered) {

    /** A result without a known embedding type. */
    public ModelResult(String model, String label, ModelRole role, String weightType, int vocabSize, int windowTokens,
            int windows, long tokensScored, long bytesScored, double nats, Double klVsReference, Double top1Agreement,
            long fileBytes, long memoryBytes, Double prefillTps, Double decodeTps, double scoringTps, Double rtnGapRecovered) {
        this(model, label, role, weightType, null, vocabSize, windowTokens, windows, tokensScored, bytesScored, nats,
                klVsReference, top1Agreement, fileBytes, memoryBytes, prefillTps, decodeTps, scoringTps, rtnGapRecovered);
    }

    /** Bits per byte: nats / ln 2 / bytes (comparable across tokenizers). */
    public double bitsPerByte() {
        return nats / Math.log(2) / bytesScored;
    }

    /** Mean negative log-likelihood per token in nats. */
    public double lossPerToken() {
        return nats / tokensScored;
    }

    /** Perplexity per token: exp(mean NLL). */
    public double perplexity() {
        return Math.exp(lossPerToken());
    }

    public ModelResult withRtnGapRecovered(Double v) {
        return new ModelResult(model, label, role, weightType, embeddingType, vocabSize, windowTokens, windows, tokensScored, bytesScored,
                nats, klVsReference, top1Agreement, fileBytes, memoryBytes, prefillTps, decodeTps, scoringTps, v);
    }

    public ModelResult withSpeed(Double prefill, Double decode) {
        return new ModelResult(model, label, role, weightType, embeddingType, vocabSize, windowTokens, windows, tokensScored, bytesScored,
                nats, klVsReference, top1Agreement, fileBytes, memoryBytes, prefill, decode, scoringTps, rtnGapRecovered);
    }
}
