package io.qat4j.cli;

import io.qat4j.infer.sampling.SamplerConfig;
import picocli.CommandLine.Option;

/** The sampling flags shared by generate and chat (llama.cpp's names and defaults). */
final class SamplingOptions {
    @Option(names = "--temp", paramLabel = "T", description = "temperature; 0 = greedy (default: ${DEFAULT-VALUE})")
    float temperature = 0.8f;

    @Option(names = "--top-k", paramLabel = "K", description = "keep the K most likely tokens; 0 = all (default: ${DEFAULT-VALUE})")
    int topK = 40;

    @Option(names = "--top-p", paramLabel = "P", description = "nucleus sampling threshold; 1 = off (default: ${DEFAULT-VALUE})")
    float topP = 0.95f;

    @Option(names = "--min-p", paramLabel = "P", description = "drop tokens below P × the best one's probability (default: ${DEFAULT-VALUE})")
    float minP = 0.05f;

    @Option(names = "--repeat-penalty", paramLabel = "R", description = "penalise recently seen tokens; 1 = off (default: ${DEFAULT-VALUE})")
    float repeatPenalty = 1.0f;

    @Option(names = "--repeat-last-n", paramLabel = "N", description = "tokens the penalty looks back at (default: ${DEFAULT-VALUE})")
    int repeatLastN = 64;

    @Option(names = "--seed", paramLabel = "S", description = "random seed; the same seed repeats a run (default: random)")
    Long seed;

    long effectiveSeed() {
        if (seed == null) {
            seed = new java.security.SecureRandom().nextLong() & 0xFFFF_FFFFL;
        }
        return seed;
    }

    /** {@code s} with another seed (a fresh draw per chat turn or per regeneration, repeatable from the run's seed). */
    static SamplerConfig reseeded(SamplerConfig s, long seed) {
        return new SamplerConfig(s.temperature(), s.topK(), s.topP(), s.minP(), s.repetitionPenalty(), s.repeatLastN(), seed);
    }

    SamplerConfig toConfig() {
        return new SamplerConfig(temperature, topK, topP, minP, repeatPenalty, repeatLastN, effectiveSeed());
    }
}
