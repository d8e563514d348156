package dev.vae.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An Error is named by the innermost module that is neither the platform's, ND4J's nor the framework's. */
class ErrorOriginTest {

    private static StackTraceElement frame(String module, String type, String method) {
        return new StackTraceElement("app", module, "1.0", type, method, null, -1);
    }

    @Test
    void aRecursionInAPluginNamesItsModuleAndMethod() {
        StackOverflowError e = new StackOverflowError();
        e.setStackTrace(new StackTraceElement[] {
            frame("java.base", "java.lang.String", "valueOf"),
            frame("test.bad", "test.bad.Plugin", "logProb"),
            frame("dev.vae.core", "dev.vae.core.graph.VaeGraph", "wire")});

        assertThat(ErrorOrigin.describe(e))
                .isEqualTo("java.lang.StackOverflowError in test.bad@1.0 (test.bad.Plugin.logProb)");
    }

    @Test
    void memoryExhaustedSaysHowToGiveMore() {
        OutOfMemoryError e = new OutOfMemoryError("Java heap space");
        e.setStackTrace(new StackTraceElement[] {frame("dev.vae.core", "dev.vae.core.Vae", "train")});

        assertThat(ErrorOrigin.describe(e))
                .isEqualTo("out of memory (Java heap space); give the JVM more, e.g. VAE_JAVA_OPTS=-Xmx16g");
    }
}
