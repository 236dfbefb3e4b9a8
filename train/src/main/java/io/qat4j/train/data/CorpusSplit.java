package io.qat4j.train.data;

import java.util.Arrays;

/**
 * The contiguous 90 / 5 / 5 % byte split of testdata/corpus/README.md:
 * {@code a = n·90/100, b = n·95/100} (integer division); train = [0, a), val = [a, b), test = [b, n).
 */
public record CorpusSplit(byte[] train, byte[] val, byte[] test) {

    public static CorpusSplit of(byte[] corpus) {
        long n = corpus.length;
        int a = (int) (n * 90 / 100);
        int b = (int) (n * 95 / 100);
        return new CorpusSplit(Arrays.copyOfRange(corpus, 0, a), Arrays.copyOfRange(corpus, a, b),
                Arrays.copyOfRange(corpus, b, corpus.length));
    }

    /** The split named train, val or test. */
    public byte[] part(String name) {
        return switch (name) {
            case "train" -> train;
            case "val" -> val;
            case "test" -> test;
            default -> throw new IllegalArgumentException("unknown split '" + name + "' (train, val or test)");
        };
    }
}
