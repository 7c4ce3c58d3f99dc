package dev.lectern.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through the system chromedriver (never a downloaded browser or
 * driver), with the waits, script calls and screenshots the page tests need.
 */
final class Browser implements AutoCloseable {
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> BROWSERS =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS =
            List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts Chromium, or skips the calling test with the reason when it truly cannot run. */
    static Browser start() {
        String binary =
                BROWSERS.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        String driverPath =
                DRIVERS.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        Assumptions.assumeTrue(
                binary != null && driverPath != null,
                "Chromium or chromedriver is not installed (run scripts/system-deps.sh --browser);"
                        + " browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--mute-audio",
                "--autoplay-policy=no-user-gesture-required",
                // Recording tests: a synthetic camera and microphone, permission granted.
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                "--window-size=1366,900");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(driverPath))
                        .build();
        try {
            return new Browser(new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            Assumptions.abort("Chromium could not start here, browser tests skipped: " + e);
            throw e;
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)), Duration.ofSeconds(15));
    }

    <T> T waitFor(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    /** Waits until a JavaScript expression is truthy. */
    void waitUntil(String expression, Duration timeout) {
        waitFor(d -> Boolean.TRUE.equals(js("return !!(" + expression + ");")), timeout);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    double number(String expression) {
        return ((Number) js("return Number(" + expression + ");")).doubleValue();
    }

    /** Saves the page at phone and desktop widths as target/screenshots/{name}-{phone,desktop}.png. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (Map.Entry<String, Dimension> size :
                Map.of("phone", PHONE, "desktop", DESKTOP).entrySet()) {
            driver.manage().window().setSize(size.getValue());
            js("window.scrollTo(0, 0)");
            settle();
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"), png);
        }
        driver.manage().window().setSize(DESKTOP);
    }

    /** Lets layout and paint catch up after a resize. */
    private static void settle() {
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
