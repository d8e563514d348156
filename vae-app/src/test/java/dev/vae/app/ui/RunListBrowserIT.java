package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The page in a real headless Chromium over a runs folder of two trained runs. */
class RunListBrowserIT {
    @TempDir
    Path dir;

    @Test
    void thePageListsBothRunsWithoutConsoleErrors() throws Exception {
        try (ServedRuns served = ServedRuns.start(dir); Browser browser = Browser.start()) {
            Process small = served.startTraining("latent2", "--epochs", "1", "--seed", "1");
            Process wide = served.startTraining("latent4", "--epochs", "2", "--latent-dim", "4", "--seed", "2");
            served.finish("latent2", small);
            served.finish("latent4", wide);

            browser.open(served.uri());
            WebElement first = browser.visible(By.cssSelector("#runs tr[data-id='latent2']"));
            WebElement second = browser.visible(By.cssSelector("#runs tr[data-id='latent4']"));

            assertThat(first.getText()).startsWith("latent2").contains("complete");
            assertThat(second.getText()).startsWith("latent4").contains("complete");
            browser.screenshot("run-list");
            assertThat(browser.consoleErrors()).as("the console's errors").isEmpty();
        }
    }
}
