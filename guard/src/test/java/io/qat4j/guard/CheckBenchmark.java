package io.qat4j.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.qat4j.guard.check.Checker;
import io.qat4j.guard.verdict.Verdict;

/**
 * Issue 5's performance target: checking a 2,000-word text against a 200-rule guideline in under
 * 20 ms. A plain main (not a unit test: timings on a shared machine are not assertions). Run after
 * {@code mvn -pl guard -am test-compile} with the test classpath:
 * <pre>java -cp ... io.qat4j.guard.CheckBenchmark [iterations]</pre>
 */
public final class CheckBenchmark {
    private static final String[] WORDS = ("the of and to a in is you that it he was for on are as with his they at be this"
            + " have from or one had by word but not what all were we when your can said there use an each which she do how"
            + " their if will up other about out many then them these so some her would make like him into time has look two"
            + " more write go see number no way could people my than first water been call who oil its now find long down"
            + " day did get come made may part service backup storage cluster region latency customer billing account team"
            + " secure network deploy model inference quantized faster cheaper support contract renewal schedule").split(" ");

    private CheckBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        String yaml = guideline200();
        Guidelines g = null;
        Checker checker = null;
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            g = Guidelines.parse(yaml, "bench.yaml");
            long t1 = System.nanoTime();
            checker = Checker.compile(g);
            long t2 = System.nanoTime();
            if (round == 1 || round == 5) {
                System.out.printf(Locale.ROOT, "guideline: %d rules; parse %.1f ms, compile %.1f ms (%s)%n",
                        g.rules().size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, round == 1 ? "first, cold JVM" : "fifth");
            }
        }
        String text = text2000Words(new SplittableRandom(42));
        System.out.printf(Locale.ROOT, "text: %d words, %d chars%n", text.split("\\s+").length, text.length());
        Verdict v = checker.check(text);
        System.out.printf(Locale.ROOT, "verdict: %d findings, score %d, passed %s%n", v.findings().size(), v.score(), v.passed());
        for (int i = 0; i < 200; i++) {
            checker.check(text);
        }
        long[] times = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            checker.check(text);
            times[i] = System.nanoTime() - s;
        }
        Arrays.sort(times);
        double mean = Arrays.stream(times).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "check: mean %.2f ms, median %.2f ms, p90 %.2f ms, p99 %.2f ms, min %.2f ms"
                + " over %d runs%n", mean, times[iterations / 2] / 1e6, times[iterations * 9 / 10] / 1e6,
                times[iterations * 99 / 100] / 1e6, times[0] / 1e6, iterations);
    }

    /** 200 rules of every output kind, with realistic numbers of terms and patterns. */
    static String guideline200() {
        var sb = new StringBuilder("name: bench\nversion: 1\nrules:\n");
        var random = new SplittableRandom(7);
        int id = 0;
        for (int i = 0; i < 100; i++) {
            sb.append("  - {id: t").append(id++).append(", kind: terminology, status: ").append(i % 2 == 0 ? "banned" : "deprecated")
                    .append(", severity: warning, on_fail: fix, terms: [");
            for (int k = 0; k < 3; k++) {
                sb.append(k == 0 ? "" : ", ").append("{term: ").append(pseudoWord(random)).append(", use: ")
                        .append(pseudoWord(random)).append('}');
            }
            sb.append("]}\n");
        }
        for (int i = 0; i < 20; i++) {
            sb.append("  - {id: c").append(id++).append(", kind: competitors, severity: error, on_fail: reask, names: [")
                    .append(capitalised(pseudoWord(random))).append(" Cloud, ").append(capitalised(pseudoWord(random)))
                    .append("]}\n");
        }
        for (int i = 0; i < 30; i++) {
            sb.append("  - {id: f").append(id++).append(", kind: forbidden-claims, severity: error, on_fail: reask, phrases: [")
                    .append(pseudoWord(random)).append(" free, zero ").append(pseudoWord(random)).append("], patterns: ['\\b")
                    .append(i).append("\\s*%\\s+(safe|")
                    .append(pseudoWord(random)).append(")\\b']}\n");
        }
        for (int i = 0; i < 10; i++) {
            sb.append("  - {id: d").append(id++).append(", kind: required-disclaimer, severity: error, on_fail: fix, when:")
                    .append(" {keywords: [").append(i == 0 ? "billing" : pseudoWord(random)).append(", ")
                    .append(pseudoWord(random)).append("]}, disclaimer: 'Terms ").append(i).append(" apply.'}\n");
        }
        for (int i = 0; i < 5; i++) {
            sb.append("  - {id: p").append(id++).append(", kind: personal-data, severity: error, on_fail: fix, regions: [GB, US, DE]}\n");
        }
        for (int i = 0; i < 5; i++) {
            sb.append("  - {id: n").append(id++).append(", kind: product-names, severity: warning, on_fail: fix, names: [QAT4J ")
                    .append(capitalised(pseudoWord(random))).append("]}\n");
        }
        String[] style = {
            "kind: exclamation-marks, severity: warning, on_fail: fix",
            "kind: all-caps, severity: warning, on_fail: warn, allow: [API]",
            "kind: sentence-length, severity: info, on_fail: warn, max_words: 30",
            "kind: readability, severity: warning, on_fail: warn, min: 30",
            "kind: length, severity: warning, on_fail: reask, channels: {default: {max_words: 5000}}",
            "kind: person, severity: warning, on_fail: warn, forbid: [first-person-singular]",
        };
        for (int i = 0; i < 30; i++) {
            sb.append("  - {id: s").append(id++).append(", ").append(style[i % style.length]).append("}\n");
        }
        return sb.toString();
    }

    static String text2000Words(SplittableRandom random) {
        var words = new ArrayList<String>();
        List<String> extras = List.of("guaranteed", "ann@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "GREAT",
                "billing", "QAT4J Cloud", "I");
        int sentence = 0;
        while (words.size() < 2000) {
            String w = random.nextInt(100) < 2 ? extras.get(random.nextInt(extras.size())) : WORDS[random.nextInt(WORDS.length)];
            if (sentence == 0) {
                w = capitalised(w);
            }
            sentence++;
            if (sentence > 8 + random.nextInt(15)) {
                w = w + (random.nextInt(20) == 0 ? "!" : ".");
                sentence = 0;
            } else if (random.nextInt(12) == 0) {
                w = w + ",";
            }
            words.add(w);
        }
        return String.join(" ", words) + ".";
    }

    private static String pseudoWord(SplittableRandom random) {
        String[] syllables = {"ka", "zo", "ri", "mu", "te", "lan", "vor", "qui", "sel", "dra", "pex", "nol"};
        var sb = new StringBuilder();
        int n = 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            sb.append(syllables[random.nextInt(syllables.length)]);
        }
        return sb.toString();
    }

    private static String capitalised(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
