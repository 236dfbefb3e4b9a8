package io.qat4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic English-like text for training tests: lines of 4 to 11 words drawn from a list, each ending with a full stop. */
public final class SyntheticText {
    private SyntheticText() {}

    /** Writes about {@code bytes} bytes of such text to {@code file} and returns it. */
    public static Path write(Path file, String[] words, int bytes, long seed) throws IOException {
        var r = new SplittableRandom(seed);
        var sb = new StringBuilder();
        while (sb.length() < bytes) {
            int n = 4 + r.nextInt(8);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            }
            sb.append(".\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }
}
