package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** A model of a table (a CSV file) in a real headless Chromium: its rows are shown as columns of numbers, never as pictures. */
class TableRunBrowserIT {
    private static final int COLUMNS = 3;

    @TempDir
    Path dir;

    @Test
    void decodedAndReconstructedRowsAreBarsOfColumns() throws Exception {
        Path table = writeTable(dir.resolve("table.csv"));
        try (ServedRuns served = ServedRuns.start(dir); Browser browser = Browser.start(1400, 1600)) {
            served.finish("table", served.startTraining("table", "--data", table.toString(), "--label-column", "3",
                    "--likelihood", "gaussian", "--standardize", "--epochs", "2"));
            browser.open(served.uri().resolve("#run=table"));

            browser.until(d -> "2".equals(d.findElement(By.id("latent-canvas")).getAttribute("data-epoch")));
            WebElement plane = browser.visible(By.id("latent-canvas"));
            browser.hover(plane, 40, -30);
            browser.visible(By.cssSelector("#decoded .bars"));
            assertThat(columnLabels(browser, "#decoded")).containsExactly("column 0", "column 1", "column 2");

            @SuppressWarnings("unchecked")
            List<Number> dot = (List<Number>) browser.script("const z = state.latent.z[0]; const [x, y] = latentDims();"
                    + " return [toPixel(z[x], plane.range, 520, false), toPixel(z[y], plane.range, 520, true)];");
            new Actions(browser.driver()).moveToElement(plane, dot.get(0).intValue() - 260, dot.get(1).intValue() - 260)
                    .click().perform();
            browser.visible(By.cssSelector("#picked .bars"));
            assertThat(columnLabels(browser, "#picked")).hasSize(COLUMNS);
            assertThat(browser.driver().findElement(By.cssSelector("#picked .bars")).getText()).contains("→");
            assertThat(browser.driver().findElements(By.cssSelector("#decoded canvas, #picked canvas"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("manifold-figure")).isDisplayed()).isFalse();
            browser.screenshot("table-run", browser.driver().findElement(By.id("latent-section")));
            assertThat(browser.consoleErrors()).as("the console's errors").isEmpty();
        }
    }

    private static List<String> columnLabels(Browser browser, String view) {
        return browser.driver().findElements(By.cssSelector(view + " .bars > span")).stream().map(WebElement::getText)
                .filter(text -> text.startsWith("column ")).toList();
    }

    /** 400 rows of three columns about 10, 20 and 30 that move with a label of three classes, in the fourth. */
    private static Path writeTable(Path file) throws Exception {
        Random rng = new Random(11);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            int label = i % 3;
            rows.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", 10 + 2 * label + rng.nextGaussian(),
                    20 - 3 * label + rng.nextGaussian(), 30 + rng.nextGaussian(), label));
        }
        return Files.writeString(file, rows);
    }
}
