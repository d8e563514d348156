package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app with the example beta-divergence plugin in a plugin folder, each command in its
 * own JVM on the app's module path, as a user runs it: the plugin is listed, trains, is recorded in
 * the model, and the model is refused clearly without it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginPathIT {
    private static final Path PLUGINS = Path.of(System.getProperty("it.plugins"));

    @TempDir
    static Path dir;

    private static AppProcess.Run vae(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return new AppProcess(dir).run(environment, args);
    }

    private static AppProcess.Run vae(String... args) throws IOException, InterruptedException {
        return vae(Map.of(), args);
    }

    @Test
    @Order(1)
    void thePluginIsListedWithItsModuleAndVersion() throws Exception {
        AppProcess.Run r = vae("plugins", "--plugin-path", PLUGINS.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("beta +beta-VAE.*\\[dev\\.vae\\.example\\.beta@1\\.0\\.0]")
                .contains("kl", "alpha", "chi");
    }

    @Test
    @Order(2)
    void theEnvironmentVariableServesAsThePluginPath() throws Exception {
        AppProcess.Run r = vae(Map.of(PluginPathOption.ENVIRONMENT, PLUGINS.toString()), "plugins");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[dev.vae.example.beta@1.0.0]");
    }

    @Test
    @Order(3)
    void itTrainsAndTheModelLoadsWithThePlugin() throws Exception {
        AppProcess.Run train = vae("train", "--plugin-path", PLUGINS.toString(), "--divergence", "beta:beta=2", "--epochs", "1",
                "--output", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        String manifest = new String(new java.util.zip.ZipFile(dir.resolve("run/model.vae").toFile())
                .getInputStream(new java.util.zip.ZipEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(manifest).containsPattern("\"role\": \"divergence\",\\s*\"kind\": \"divergence\",\\s*"
                + "\"plugin\": \"beta\",\\s*\"params\": \\{\\s*\"beta\": \"2\"\\s*},\\s*"
                + "\"module\": \"dev.vae.example.beta@1.0.0\"");

        AppProcess.Run evaluate = vae("evaluate", "--plugin-path", PLUGINS.toString(), "--model", dir.resolve("run/model.vae").toString(),
                "--json");
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        List<String> lines = evaluate.out().lines().toList();
        JsonObject json = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertThat(json.get("divergence").getAsString()).isEqualTo("beta:beta=2");
        assertThat(json.get("nelbo").getAsDouble()).isBetween(120.0, 300.0);
    }

    @Test
    @Order(4)
    void withoutThePluginTheModelIsRefusedNamingIt() throws Exception {
        AppProcess.Run r = vae("evaluate", "--model", dir.resolve("run/model.vae").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("vae evaluate: " + dir.resolve("run/model.vae")
                + ": needs the divergence plugin 'beta' from dev.vae.example.beta@1.0.0, which is not installed here; "
                + "add its jar to the plugin path");
    }

    @Test
    @Order(5)
    void aMissingPluginFolderIsOneLine() throws Exception {
        AppProcess.Run r = vae("plugins", "--plugin-path", dir.resolve("nowhere").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("vae plugins: plugin folder " + dir.resolve("nowhere")
                + " does not exist or is not a folder");
    }
}
