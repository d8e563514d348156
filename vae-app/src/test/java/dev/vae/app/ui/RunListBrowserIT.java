package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The page in a real headless Chromium over a runs folder of two trained runs. */
class RunListBrowserIT {
    private static final String DECODED = "const c = document.querySelector('#decoded canvas');"
            + " return c == null ? null : c.toDataURL();";

    @TempDir
    Path dir;

    @Test
    void thePageListsBothRunsWithoutConsoleErrors() throws Exception {
        try (ServedRuns served = ServedRuns.start(dir); Browser browser = Browser.start()) {
            Process small = served.startTraining("latent2", "--epochs", "1", "--seed", "1");
            Process wide = served.startTraining("latent4", "--epochs", "2", "--latent-dim", "4", "--seed", "2");
            Process conditional = served.startTraining("labelled", "--epochs", "1", "--condition", "labels", "--seed", "3");
            served.finish("latent2", small);
            served.finish("latent4", wide);
            served.finish("labelled", conditional);

            browser.open(served.uri());
            WebElement first = browser.visible(By.cssSelector("#runs tr[data-id='latent2']"));
            WebElement second = browser.visible(By.cssSelector("#runs tr[data-id='latent4']"));

            assertThat(first.getText()).startsWith("latent2").contains("complete");
            assertThat(second.getText()).startsWith("latent4").contains("complete");
            browser.screenshot("run-list");

            first.findElement(By.cssSelector("input.compare")).click();
            second.findElement(By.cssSelector("input.compare")).click();
            WebElement chart = browser.visible(By.id("compare-chart"));
            browser.until(d -> "latent2,latent4".equals(chart.getAttribute("data-series")));
            int series = browser.until(d -> {
                int n = d.findElements(By.cssSelector("#compare-chart .u-legend .u-series")).size();
                return n == 3 ? n : null;
            });
            assertThat(series).as("the epoch axis and one curve per run").isEqualTo(3);
            assertThat(browser.driver().findElements(By.cssSelector("#compare-chart .u-legend .u-series"))
                    .stream().map(WebElement::getText).toList()).anyMatch(s -> s.startsWith("latent2"))
                    .anyMatch(s -> s.startsWith("latent4"));
            browser.screenshot("compare", browser.driver().findElement(By.id("compare")));

            browser.driver().findElement(By.cssSelector("#runs th[data-key='val_nelbo']")).click();
            List<String> ascending = rowNames(browser);
            browser.driver().findElement(By.cssSelector("#runs th[data-key='val_nelbo']")).click();
            List<String> descending = new ArrayList<>(rowNames(browser));
            Collections.reverse(descending);
            assertThat(descending).as("sorted the other way").isEqualTo(ascending);

            browser.driver().findElement(By.cssSelector("#runs tr[data-id='latent4'] td:nth-child(2)")).click();
            browser.until(d -> "2".equals(d.findElement(By.id("latent-canvas")).getAttribute("data-epoch")));
            browser.visible(By.id("dims-controls"));
            new Select(browser.driver().findElement(By.id("dim-y"))).selectByVisibleText("z3");
            browser.hover(browser.visible(By.id("latent-canvas")), 60, -90);
            String z = browser.until(d -> d.findElement(By.id("decoded")).getAttribute("data-z"));
            String[] code = z.split(",");
            assertThat(code).as("a code of the 4-D latent").hasSize(4);
            assertThat(Double.parseDouble(code[0])).isPositive();
            assertThat(Double.parseDouble(code[2])).as("z3, the plane's y").isPositive();
            assertThat(Double.parseDouble(code[1])).as("z2 at the prior's mean").isZero();
            assertThat(Double.parseDouble(code[3])).as("z4 at the prior's mean").isZero();

            browser.driver().findElement(By.cssSelector("#runs tr[data-id='labelled'] td:nth-child(2)")).click();
            browser.until(d -> "1".equals(d.findElement(By.id("latent-canvas")).getAttribute("data-epoch"))
                    && d.findElement(By.id("class-control")).isDisplayed());
            browser.hover(browser.visible(By.id("latent-canvas")), 30, 20);
            String zero = browser.until(d -> (String) browser.script(DECODED));
            new Select(browser.driver().findElement(By.id("condition-class"))).selectByVisibleText("7");
            String seven = browser.until(d -> {
                String now = (String) browser.script(DECODED);
                return now != null && !now.equals(zero) ? now : null;
            });
            assertThat(seven).as("the same code decoded as a 7").isNotEqualTo(zero);

            Files.writeString(Files.createDirectory(served.runs().resolve("notes")).resolve("todo.txt"), "not a run");
            WebElement bad = browser.visible(By.cssSelector("#runs tr[data-id='notes']"));
            assertThat(bad.getText()).contains("error").contains("run.json");
            assertThat(browser.consoleErrors()).as("the console's errors").isEmpty();
        }
    }

    private static List<String> rowNames(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#runs tbody tr")).stream()
                .map(row -> row.getAttribute("data-name")).toList();
    }
}
