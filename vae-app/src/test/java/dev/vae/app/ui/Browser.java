package dev.vae.app.ui;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by its chromedriver, at a fixed window size so that screenshots and
 * pointer offsets are the same on every machine, keeping the page's console for the test to read.
 */
final class Browser implements AutoCloseable {
    /** How long a wait for the page lasts before the test fails: a slow, shared machine's worth. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("browser.screenshots", "target/screenshots"));
    /**
     * Selenium looks for its DevTools bindings of the browser's version at start and warns when it has
     * none; these tests use WebDriver only, so the warning says nothing.
     */
    private static final Logger DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new browser with a fresh profile; fails the test, naming the packages, without Chromium. */
    static Browser start() {
        return start(1400, 1000);
    }

    /** A new browser whose window is {@code width} by {@code height} pixels, bars included. */
    static Browser start(int width, int height) {
        ChromiumInstall install = ChromiumInstall.find();
        ChromeOptions options = new ChromeOptions().setBinary(install.browser().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(install.driver().toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** The driver itself, for what this class does not wrap. */
    ChromeDriver driver() {
        return driver;
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    /** The first element that {@code locator} finds once it is displayed. */
    WebElement visible(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The condition's first non-null, non-false value, waiting up to {@link #PATIENCE}. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    /** Moves the pointer to {@code (dx, dy)} pixels from the element's centre, as a user's mouse would. */
    void hover(WebElement element, int dx, int dy) {
        new Actions(driver).moveToElement(element, dx, dy).perform();
    }

    /**
     * The console's errors (SEVERE entries: uncaught exceptions, {@code console.error}, failed
     * requests) since the last call: chromedriver hands each entry out once.
     */
    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Writes what the window shows to {@code NAME.png} in the screenshots folder. */
    Path screenshot(String name) throws IOException {
        Path png = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(SCREENSHOTS);
        return Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes what the element shows to {@code NAME.png} in the screenshots folder. */
    Path screenshot(String name, WebElement element) throws IOException {
        Path png = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(SCREENSHOTS);
        return Files.move(element.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The value of a script run in the page, which sees the page's own functions and state. */
    Object script(String code, Object... args) {
        return driver.executeScript(code, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
