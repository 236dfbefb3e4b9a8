package io.qat4j.core.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.testkit.TestData;

/**
 * The golden tokenizers, loaded once per test JVM (the Gemma 3 tokenizer.json is 33 MB): shared
 * by the JUnit and jqwik test classes.
 */
final class GoldenTokenizers {
    private static HfBpeTokenizer gemma3;
    private static long gemma3LoadNanos;
    private static long gemma3LoadCpuNanos;
    private static SentencePieceTokenizer tiny;

    private GoldenTokenizers() {}

    static Path gemma3Json() {
        return TestData.file("gemma3-tokenizer/tokenizer.json");
    }

    static Path tinyGguf() {
        return TestData.file("gemma3-tiny/gemma3-tiny-f32.gguf");
    }

    static synchronized HfBpeTokenizer gemma3() {
        if (gemma3 == null) {
            Path json = gemma3Json();
            try {
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                gemma3 = HfBpeTokenizer.load(json);
                gemma3LoadNanos = System.nanoTime() - t0;
                gemma3LoadCpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return gemma3;
    }

    /** How long the first (cold JVM) load of the Gemma 3 tokenizer.json took, wall clock. */
    static synchronized long gemma3LoadNanos() {
        gemma3();
        return gemma3LoadNanos;
    }

    /** The CPU time the loading thread spent on that load (not counting JIT and GC threads). */
    static synchronized long gemma3LoadCpuNanos() {
        gemma3();
        return gemma3LoadCpuNanos;
    }

    static synchronized SentencePieceTokenizer tiny() {
        if (tiny == null) {
            try (GgufFile f = GgufReader.open(tinyGguf())) {
                tiny = SentencePieceTokenizer.fromGguf(f.metadata());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tiny;
    }
}
