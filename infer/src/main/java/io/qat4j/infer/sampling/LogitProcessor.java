package io.qat4j.infer.sampling;

/**
 * Changes the logits before a token is drawn: a logit bias, or a constraint that sets forbidden
 * tokens to −∞ (governance's decode-time rules). Called with the tokens generated so far.
 */
@FunctionalInterface
public interface LogitProcessor {
    void process(float[] logits, int vocab, int[] history, int historyLength);
}
