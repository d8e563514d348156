package dev.vae.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/** What the browser tests rely on, in the page over an empty runs folder: the console check, the pointer and screenshots. */
class KitBrowserIT {
    @TempDir
    static Path dir;

    private static ServedRuns served;
    private static Browser browser;

    @BeforeAll
    static void open() throws Exception {
        served = ServedRuns.start(dir);
        browser = Browser.start();
        browser.open(served.uri());
        browser.visible(By.cssSelector("#runs"));
    }

    @AfterAll
    static void close() {
        browser.close();
        served.close();
    }

    @Test
    void anErrorOnThePageReachesTheConsoleCheck() {
        browser.driver().executeScript("setTimeout(() => { throw new Error('thrown by the page'); }, 0)");

        LogEntry thrown = browser.until(driver -> browser.consoleErrors().stream()
                .filter(entry -> entry.getMessage().contains("thrown by the page")).findFirst().orElse(null));

        assertThat(thrown.getMessage()).contains("Uncaught Error: thrown by the page");
    }

    @Test
    void hoveringPutsThePointerAtTheOffsetFromTheElementsCentre() {
        browser.driver().executeScript("""
                const target = document.createElement('div');
                target.id = 'target';
                target.style.cssText = 'position:fixed; left:100px; top:200px; width:300px; height:100px; background:#cde';
                target.addEventListener('mousemove', e => target.dataset.at = e.offsetX + ',' + e.offsetY);
                document.body.append(target);""");
        WebElement target = browser.visible(By.id("target"));

        browser.hover(target, -100, 30);

        String at = browser.until(driver -> target.getAttribute("data-at"));
        assertThat(at).isEqualTo("50,80");
    }

    @Test
    void aScreenshotIsAPngOfTheWindowsWidth() throws Exception {
        BufferedImage png = ImageIO.read(browser.screenshot("kit").toFile());

        assertThat(png.getWidth()).isEqualTo(1400);
    }
}
