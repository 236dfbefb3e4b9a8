package io.qat4j.server.openai;

import io.qat4j.infer.sampling.LogitProcessor;

/** OpenAI's {@code logit_bias}: a value in [−100, 100] added to a token's logit; −100 bans the token. */
final class LogitBias implements LogitProcessor {
    private final int[] ids;
    private final float[] biases;

    LogitBias(int[] ids, float[] biases) {
        this.ids = ids.clone();
        this.biases = biases.clone();
    }

    @Override
    public void process(float[] logits, int vocab, int[] history, int historyLength) {
        for (int i = 0; i < ids.length; i++) {
            logits[ids[i]] = biases[i] <= -100f ? Float.NEGATIVE_INFINITY : logits[ids[i]] + biases[i];
        }
    }
}
