package io.qat4j.infer.sampling;

/**
 * How the next token is chosen. The stages run in llama.cpp's order: repetition penalty, top-k,
 * top-p, min-p, temperature, then a draw from the remaining distribution.
 *
 * @param temperature       0 means greedy (argmax)
 * @param topK              keep the k most likely tokens; 0 keeps all
 * @param topP              keep the smallest set with cumulative probability ≥ p; 1 keeps all
 * @param minP              drop tokens less likely than minP × the most likely one; 0 keeps all
 * @param repetitionPenalty > 1 discourages tokens seen in the last {@code repeatLastN}; 1 disables
 * @param repeatLastN       how many recent tokens the penalty looks at
 * @param seed              seeds the draw, so a run can be repeated exactly
 */
public record SamplerConfig(float temperature, int topK, float topP, float minP, float repetitionPenalty,
        int repeatLastN, long seed) {

    public static final SamplerConfig GREEDY = new SamplerConfig(0f, 0, 1f, 0f, 1f, 64, 0);

    public SamplerConfig {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number ≥ 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be ≥ 0, got " + topK);
        }
        if (!(topP > 0f && topP <= 1f)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (!(minP >= 0f && minP <= 1f)) {
            throw new IllegalArgumentException("min-p must be in [0, 1], got " + minP);
        }
        if (!(repetitionPenalty > 0f) || Float.isInfinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetition penalty must be > 0, got " + repetitionPenalty);
        }
        if (repeatLastN < 0) {
            throw new IllegalArgumentException("repeat-last-n must be ≥ 0, got " + repeatLastN);
        }
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no repetition penalty. */
    public static SamplerConfig defaults(long seed) {
        return new SamplerConfig(0.8f, 40, 0.95f, 0.05f, 1f, 64, seed);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }
}
