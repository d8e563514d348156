package dev.vae.app.cli;

import static dev.vae.app.cli.CliTest.assertUserError;
import static dev.vae.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typos get picocli's nearest names, and the help reads cleanly. */
class UsageTest {

    @Test
    void aMistypedOptionSuggestsTheOption() {
        assertUserError(run("train", "--epoch", "3"),
                "vae train: Unknown options: '--epoch', '3'; did you mean --epochs? (see vae train --help)");
    }

    @Test
    void aMistypedCommandSuggestsTheCommand() {
        assertUserError(run("traine"), "vae: Unmatched argument at index 0: 'traine'; did you mean train ");
    }

    @Test
    void anArgumentNothingResemblesSuggestsNothing() {
        CliTest.Result r = run("train", "--zzzzzzzz");
        assertUserError(r, "Unknown option: '--zzzzzzzz'");
        assertThat(r.err()).doesNotContain("did you mean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "sample", "bench", "plugins"})
    void everyHelpNamesItsValuesPlainly(String command) {
        String help = run(command, "--help").out();
        assertThat(help).as("a label picocli made of a field's name").doesNotContainPattern("<[a-zA-Z]+>");
        assertThat(help).as("a list's label repeated").doesNotContain("][,").doesNotContain("...]...]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "bench"})
    void listsOfNumbersReadAsOneList(String command) {
        assertThat(run(command, "--help").out()).containsPattern("--hidden-dims=H\\[,H\\.\\.\\.]\\s")
                .containsPattern("--latent-dim=L\\[,L\\.\\.\\.]\\s");
    }
}
