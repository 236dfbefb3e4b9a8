package io.qat4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The Chromium and ChromeDriver that browser tests drive: Debian's packages
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}), or the paths in the system
 * properties {@value #CHROMIUM_PROPERTY} and {@value #DRIVER_PROPERTY}. Never downloaded.
 *
 * <p>Without them the test is skipped; CI installs both and sets
 * {@code -D}{@value #REQUIRE_PROPERTY}{@code =true}, which turns their absence into a failure.
 */
public final class TestBrowser {
    public static final String CHROMIUM_PROPERTY = "qat4j.chromium";
    public static final String DRIVER_PROPERTY = "qat4j.chromedriver";
    public static final String REQUIRE_PROPERTY = "qat4j.requireBrowser";

    private TestBrowser() {}

    /** The browser and its driver. */
    public record Binaries(Path chromium, Path chromedriver) {}

    /** The binaries, or a skip (a failure under CI) when either is missing. */
    public static Binaries binaries() {
        Path chromium = Path.of(System.getProperty(CHROMIUM_PROPERTY, "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            String msg = "Chromium (" + chromium + ") or ChromeDriver (" + driver + ") is not installed"
                    + " (apt-get install chromium chromium-driver)";
            if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
                throw new AssertionError(msg + "; CI requires them (" + REQUIRE_PROPERTY + "=true)");
            }
            Assumptions.abort(msg + "; skipping this test");
        }
        return new Binaries(chromium, driver);
    }
}
