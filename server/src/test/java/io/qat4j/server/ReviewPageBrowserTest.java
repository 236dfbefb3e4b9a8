package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.qat4j.guard.review.ContentState;
import io.qat4j.guard.review.Role;
import io.qat4j.guard.workflow.ContentWorkflow.Submission;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.server.governance.GovernanceSetup;
import io.qat4j.testkit.TestBrowser;

/**
 * The reviewer's page in a real browser (Debian's headless Chromium through ChromeDriver): a
 * reviewer signs in, opens the queue, sees the finding highlighted at its span, approves and
 * publishes the item, and the publication endpoint then serves it. Screenshots go to
 * {@code server/target/screenshots/}.
 */
class ReviewPageBrowserTest {
    static final String GUIDELINE = """
            name: browser-test
            version: "1"
            rules:
              - id: claims
                kind: forbidden-claims
                severity: error
                on_fail: review
                description: We never promise outcomes.
                phrases: [guaranteed]
              - id: calm
                kind: exclamation-marks
                severity: warning
                on_fail: fix
                max: 0
            """;
    // The emoji (a surrogate pair) before the finding makes JavaScript-style and code-point indexing disagree.
    static final String TEXT = "Backups 🚀 run hourly & your data is guaranteed <safe>!";

    @TempDir
    Path dir;

    static WebDriver chromium(Path profile) {
        var binaries = TestBrowser.binaries();
        var options = new ChromeOptions();
        options.setBinary(binaries.chromium().toFile());
        // No network beyond the server: no background services, updates, sync or QUIC probes.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps", "--window-size=1280,1400",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(binaries.chromedriver().toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(WebDriver driver, String name) throws Exception {
        Path out = Path.of("target", "screenshots", name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aReviewerApprovesAndPublishesFromTheQueue() throws Exception {
        TestBrowser.binaries(); // skip (or fail under CI) before starting anything
        try (var gov = Governance.open("jdbc:sqlite:" + dir.resolve("gov.db"));
             var t = TestServer.start(1, 4, c -> c, (b, m) -> GovernanceSetup.apply(b, m, GUIDELINE, "g.yaml", gov, 0))) {
            gov.keys().create("aki", Role.AUTHOR);
            var author = gov.keys().authenticate(gov.keys().create("aki", Role.AUTHOR).token()).orElseThrow();
            String reviewerKey = gov.keys().create("rui", Role.REVIEWER).token();
            var item = gov.content().submit(author, new Submission(TEXT, "Backup launch post", "social", null, false));
            assertThat(item.state()).isEqualTo(ContentState.IN_REVIEW);

            WebDriver driver = chromium(dir.resolve("profile"));
            try {
                driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
                driver.manage().window().setSize(new Dimension(1280, 1400));
                driver.get(t.url("/review"));
                assertThat(driver.getCurrentUrl()).endsWith("/review/login");
                driver.findElement(By.id("key")).sendKeys(reviewerKey);
                driver.findElement(By.id("sign-in")).click();
                // Each click posts a form and loads a new page: wait for that page, not the old one.
                var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

                WebElement row = driver.findElement(By.cssSelector("#queue tr[data-item='" + item.id() + "']"));
                assertThat(row.getText()).contains("Backup launch post", "aki", "social");
                screenshot(driver, "review-queue.png");
                row.findElement(By.tagName("a")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#text mark.sev-error")));

                // The finding is highlighted exactly at its span, after the emoji and the escaped '&'.
                WebElement mark = driver.findElement(By.cssSelector("#text mark.sev-error"));
                assertThat(mark.getText()).isEqualTo("guaranteed");
                assertThat(mark.getAttribute("title")).contains("[claims]", "We never promise outcomes.");
                WebElement bang = driver.findElement(By.cssSelector("#text mark.sev-warning"));
                assertThat(bang.getText()).isEqualTo("!");
                assertThat(driver.findElement(By.id("text")).getText()).isEqualTo(TEXT);
                assertThat(driver.findElement(By.id("findings")).getText()).contains("“guaranteed”", "“!”");
                assertThat(driver.getPageSource()).doesNotContain("<safe>");
                screenshot(driver, "review-item.png");

                driver.findElement(By.id("comment")).sendKeys("Fine for the launch.");
                driver.findElement(By.id("action-approve")).click();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "approved"));
                assertThat(t.get("/v1/governance/publications/" + item.id()).statusCode()).isEqualTo(404);
                driver.findElement(By.id("action-publish")).click();
                wait.until(ExpectedConditions.textToBe(By.cssSelector("h1 .badge"), "published"));
                assertThat(driver.findElement(By.id("audit")).getText()).contains("approve", "Fine for the launch.", "publish");
                // Times to the second on one line; the exact instant stays in the tooltip.
                WebElement when = driver.findElement(By.cssSelector("#audit time"));
                assertThat(when.getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
                assertThat(java.time.Instant.parse(when.getAttribute("datetime"))).isEqualTo(trail0(gov, item.id()));
                screenshot(driver, "review-published.png");
            } finally {
                driver.quit();
            }
            var publication = t.get("/v1/governance/publications/" + item.id());
            assertThat(publication.statusCode()).isEqualTo(200);
            assertThat(t.parse(publication.body()).get("text").asText()).isEqualTo(TEXT);
            var trail = gov.audit().forItem(item.id());
            assertThat(trail.get(trail.size() - 2).actor()).isEqualTo("rui");
            assertThat(trail.get(trail.size() - 2).comment()).isEqualTo("Fine for the launch.");
        }
    }

    /** When the item's first audit event happened, as the store keeps it. */
    private static java.time.Instant trail0(Governance gov, String itemId) {
        return gov.audit().forItem(itemId).getFirst().at();
    }
}
