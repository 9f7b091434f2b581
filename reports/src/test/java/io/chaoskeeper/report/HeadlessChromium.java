package io.chaoskeeper.report;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

/**
 * The system's headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}) driven through
 * chromedriver, with the page's console log readable. One instance is shared by a test class.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why Chromium cannot run here, or null when it can. */
    static String unavailable() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "browser tests need the Debian packages chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "); install them with apt-get install chromium chromium-driver";
        }
        return null;
    }

    static HeadlessChromium start(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("chaoskeeper-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    /** Opens a page and waits (at most 20 s) until its script sets {@code window.__ready}. */
    void open(Path page) {
        driver.get(page.toUri().toString());
        try {
            await("the page to set window.__ready", () -> Boolean.TRUE.equals(js("return window.__ready === true")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; console: " + console().stream().map(LogEntry::getMessage).toList());
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Console messages since the last call (the log is drained by reading). */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Moves the real mouse to the canvas point the script returns as {x, y} (CSS pixels relative to the canvas
     * #timeline, which it gets as arguments[0]) and gives the tooltip's text.
     */
    String hoverTimeline(String pointScript) {
        org.openqa.selenium.WebElement canvas = driver.findElement(org.openqa.selenium.By.id("timeline"));
        js("arguments[0].scrollIntoView({block: 'center'})", canvas);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Number> p = (java.util.Map<String, Number>) js("""
                const p = (() => {%s})(), r = arguments[0].getBoundingClientRect();
                return {x: r.left + p.x, y: r.top + p.y};""".formatted(pointScript), canvas);
        // a real mouse move to viewport coordinates (element-relative offsets depend on the in-view centre)
        org.openqa.selenium.interactions.PointerInput mouse = new org.openqa.selenium.interactions.PointerInput(
                org.openqa.selenium.interactions.PointerInput.Kind.MOUSE, "mouse");
        driver.perform(List.of(new org.openqa.selenium.interactions.Sequence(mouse, 0).addAction(
                mouse.createPointerMove(Duration.ZERO, org.openqa.selenium.interactions.PointerInput.Origin.viewport(),
                        (int) Math.round(p.get("x").doubleValue()), (int) Math.round(p.get("y").doubleValue())))));
        org.openqa.selenium.WebElement tip = driver.findElement(org.openqa.selenium.By.id("tooltip"));
        await("the tooltip", tip::isDisplayed);
        return tip.getText();
    }

    /** The console's errors since the last read. */
    List<LogEntry> errors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Saves a screenshot as target/browser/{@code name}. */
    void screenshot(String name) {
        try {
            Path target = Files.createDirectories(Path.of("target", "browser"));
            Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), target.resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
