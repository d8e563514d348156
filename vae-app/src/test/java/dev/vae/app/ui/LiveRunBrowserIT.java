package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A run watched in a real headless Chromium while the packaged app trains it: the step curve grows
 * without a reload, and once epochs have ended the latent plane decodes where the pointer is and a
 * clicked validation code shows its input beside its reconstruction.
 */
class LiveRunBrowserIT {
    private static final String DECODED = "const c = document.querySelector('#decoded canvas');"
            + " return c == null ? null : c.toDataURL();";

    @TempDir
    Path dir;

    @Test
    void theCurvesGrowWhileTrainingAndTheLatentPlaneDecodes() throws Exception {
        try (ServedRuns served = ServedRuns.start(dir); Browser browser = Browser.start(1400, 1900)) {
            Process training = served.startTraining("live", "--epochs", "3", "--batch-size", "10", "--seed", "3");
            browser.open(served.uri().resolve("#run=live"));

            int first = points(browser, "#batch-chart", 0);
            int later = points(browser, "#batch-chart", first);
            assertThat(later).as("steps on the curve after more polls").isGreaterThan(first);
            browser.until(d -> points(d.findElement(By.id("epoch-chart"))) >= 1);
            browser.visible(By.id("latent-canvas"));
            browser.screenshot("live-training");
            served.finish("live", training);

            browser.until(d -> d.findElement(By.id("run-status")).getText().equals("complete"));
            browser.until(d -> "3".equals(d.findElement(By.id("latent-canvas")).getAttribute("data-epoch")));
            WebElement plane = browser.visible(By.id("latent-canvas"));
            browser.hover(plane, -120, -80);
            String left = browser.until(d -> (String) browser.script(DECODED));
            String leftZ = browser.driver().findElement(By.id("decoded")).getAttribute("data-z");
            browser.hover(plane, 150, 110);
            String right = browser.until(d -> changed(browser, left));
            assertThat(right).as("the decoded image after the pointer moved").isNotEqualTo(left);
            assertThat(browser.driver().findElement(By.id("decoded")).getAttribute("data-z")).isNotEqualTo(leftZ);

            @SuppressWarnings("unchecked")
            List<Number> dot = (List<Number>) browser.script("const z = state.latent.z[0]; const [x, y] = latentDims();"
                    + " return [toPixel(z[x], plane.range, 520, false), toPixel(z[y], plane.range, 520, true)];");
            new org.openqa.selenium.interactions.Actions(browser.driver())
                    .moveToElement(plane, dot.get(0).intValue() - 260, dot.get(1).intValue() - 260).click().perform();
            WebElement picked = browser.visible(By.cssSelector("#picked canvas"));
            assertThat(browser.driver().findElements(By.cssSelector("#picked canvas"))).as("input and reconstruction").hasSize(2);
            assertThat(picked.getAttribute("width")).isEqualTo("28");
            browser.screenshot("latent-plane", browser.driver().findElement(By.id("latent-section")));
            browser.screenshot("run-page");
            assertThat(browser.consoleErrors()).as("the console's errors").isEmpty();
        }
    }

    /** The steps on a chart once there are more than {@code after}. */
    private static int points(Browser browser, String chart, int after) {
        return browser.until(d -> {
            int n = points(d.findElement(By.cssSelector(chart)));
            return n > after ? n : null;
        });
    }

    private static int points(WebElement chart) {
        String n = chart.getAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }

    private static String changed(Browser browser, String before) {
        String now = (String) browser.script(DECODED);
        return now != null && !now.equals(before) ? now : null;
    }
}
