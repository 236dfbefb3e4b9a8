package io.qat4j.guard.decode;

import io.qat4j.infer.sampling.LogitProcessor;

/**
 * The per-sequence side of a {@link DecodeConstraint}: follows the tokens appended to the history
 * and sets the logits of the tokens that would complete a banned form to −∞. If the history
 * becomes shorter than what it has seen (a new sequence, a rewind), it starts over with that
 * history as the prompt.
 */
final class ConstraintProcessor implements LogitProcessor {
    private final DecodeConstraint constraint;
    private final DecodeConstraint.Runner runner;
    private int promptLength;
    private int seen = -1;
    private long state;

    ConstraintProcessor(DecodeConstraint constraint, int promptLength) {
        this.constraint = constraint;
        this.runner = constraint.new Runner();
        this.promptLength = promptLength;
        this.state = constraint.initialState();
    }

    @Override
    public void process(float[] logits, int vocab, int[] history, int historyLength) {
        if (seen < 0 || historyLength < seen) {
            if (seen >= 0 || promptLength < 0 || promptLength > historyLength) {
                promptLength = historyLength;
            }
            seen = promptLength;
            state = constraint.initialState();
        }
        for (int i = seen; i < historyLength; i++) {
            int token = history[i];
            if (token >= 0 && token < constraint.vocabularySize()) {
                state = constraint.advance(state, token, runner);
            }
        }
        seen = historyLength;
        for (int t : constraint.forbiddenTokens(state)) {
            if (t < vocab) {
                logits[t] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
