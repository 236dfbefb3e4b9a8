package io.qat4j.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the golden data in {@code ../shared/testdata}.
 *
 * <p>A user's clone has no such folder, so tests that need it are skipped with a message saying so.
 * CI sets {@code -Dqat4j.requireTestdata=true}: then a missing folder fails the test instead, so a
 * green CI run always means the golden comparisons ran.
 */
public final class TestData {
    public static final String DIR_PROPERTY = "qat4j.testdata";
    public static final String REQUIRE_PROPERTY = "qat4j.requireTestdata";

    private TestData() {}

    /** The testdata root, or a skip (or failure under CI) when it is absent. */
    public static Path root() {
        Path dir = locate();
        if (dir == null) {
            String msg = "golden data folder ../shared/testdata not found (set -D" + DIR_PROPERTY + "=PATH)";
            if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                throw new AssertionError(msg + "; CI requires it (" + REQUIRE_PROPERTY + "=true)");
            }
            Assumptions.abort(msg + "; skipping this test");
        }
        return dir;
    }

    /** A file under the testdata root; skips (or fails under CI) when it is missing. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
            throw new AssertionError("golden file missing: " + p);
        }
        return p;
    }

    /** Reads a raw little-endian float32 file. */
    public static float[] readF32(Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (bytes.length % 4 != 0) {
                throw new AssertionError(p + ": length " + bytes.length + " is not a multiple of 4");
            }
            float[] out = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }

    private static Path locate() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        // Not run through Maven (an IDE): walk up from the working directory.
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/testdata").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
