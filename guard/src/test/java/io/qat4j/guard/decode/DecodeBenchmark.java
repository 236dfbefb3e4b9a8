package io.qat4j.guard.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.SplittableRandom;

import io.qat4j.guard.Guidelines;
import io.qat4j.infer.sampling.LogitProcessor;

/**
 * Cost of the decode-time constraint with a Gemma-sized vocabulary (262,144 tokens: 256 bytes
 * and random word pieces, a quarter of them spelling parts of the banned terms): construction, and
 * the per-token cost of the processor while sampling steers towards banned words. A plain main:
 * <pre>java -cp ... io.qat4j.guard.decode.DecodeBenchmark [steps]</pre>
 */
public final class DecodeBenchmark {
    private static final int VOCAB = 262_144;

    private DecodeBenchmark() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        var random = new SplittableRandom(1);
        Guidelines g = Guidelines.parse(Guidelines.exampleYaml(), "example");
        var banned = DecodeConstraint.bannedForms(g);
        byte[][] tokens = syntheticVocabulary(random, banned.toArray(String[]::new));
        long t0 = System.nanoTime();
        var constraint = DecodeConstraint.fromGuidelines(g, TokenVocabulary.of(tokens.length, id -> tokens[id]));
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%d banned forms, %d tokens: construction %.0f ms%n", banned.size(), tokens.length,
                (t1 - t0) / 1e6);
        LogitProcessor p = constraint.newProcessor();
        float[] logits = new float[VOCAB];
        int[] history = new int[steps + 1];
        int length = 1;
        long[] times = new long[steps];
        var states = new HashSet<Long>();
        int maskedTotal = 0;
        for (int s = 0; s < steps; s++) {
            Arrays.fill(logits, 0f);
            long a = System.nanoTime();
            p.process(logits, VOCAB, history, length);
            times[s] = System.nanoTime() - a;
            int next;
            do {
                // Half the time a piece of a banned term, to keep partial matches alive.
                next = random.nextBoolean() ? 256 + random.nextInt(VOCAB / 4) : random.nextInt(VOCAB);
            } while (logits[next] == Float.NEGATIVE_INFINITY);
            for (float l : logits) {
                if (l == Float.NEGATIVE_INFINITY) {
                    maskedTotal++;
                }
            }
            history[length++] = next;
            if (length == history.length) {
                break;
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "per step: median %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f ms over %d steps;"
                + " %.1f tokens masked per step on average%n", times[steps / 2] / 1e3, times[steps * 9 / 10] / 1e3,
                times[steps * 99 / 100] / 1e3, times[steps - 1] / 1e6, steps, maskedTotal / (double) steps);
    }

    /** Bytes, then pieces of the banned terms (any casing, with or without a leading space), then random pieces. */
    static byte[][] syntheticVocabulary(SplittableRandom random, String[] banned) {
        byte[][] tokens = new byte[VOCAB][];
        for (int b = 0; b < 256; b++) {
            tokens[b] = new byte[] {(byte) b};
        }
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int t = 256; t < VOCAB; t++) {
            String piece;
            if (t < 256 + VOCAB / 4) {
                String term = banned[random.nextInt(banned.length)];
                int from = random.nextInt(term.length());
                int to = from + 1 + random.nextInt(term.length() - from);
                piece = term.substring(from, to);
                piece = random.nextBoolean() ? piece.toUpperCase(Locale.ROOT) : piece;
            } else {
                var sb = new StringBuilder();
                int n = 1 + random.nextInt(9);
                for (int i = 0; i < n; i++) {
                    sb.append(letters.charAt(random.nextInt(letters.length())));
                }
                piece = sb.toString();
            }
            tokens[t] = ((random.nextInt(3) == 0 ? " " : "") + piece).getBytes(StandardCharsets.UTF_8);
        }
        return tokens;
    }
}
