package dev.vae.app.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The system's Chromium and its chromedriver, found on the PATH or where Debian puts them, so that
 * Selenium is given both paths and never runs Selenium Manager, which would download a driver.
 */
record ChromiumInstall(Path driver, Path browser) {
    private static final String MISSING = "The browser tests need Chromium and its chromedriver, which were not found on the PATH"
            + " or in /usr/lib/chromium: install the Debian packages chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver; .ci/run does).";

    /** The installed pair; fails the test with what to install when either is missing. */
    static ChromiumInstall find() {
        Optional<Path> driver = executable(List.of("chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));
        Optional<Path> browser = executable(List.of("chromium", "chromium-browser"), Path.of("/usr/lib/chromium/chromium"));
        if (driver.isEmpty() || browser.isEmpty()) {
            fail(MISSING);
        }
        return new ChromiumInstall(driver.get(), browser.get());
    }

    private static Optional<Path> executable(List<String> names, Path fallback) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)));
        return Stream.concat(onPath, Stream.of(fallback)).filter(Files::isExecutable).findFirst();
    }
}
