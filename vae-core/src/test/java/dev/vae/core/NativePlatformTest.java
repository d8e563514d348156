package dev.vae.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * The natives come from the platform the build detected, not from one written into the build: the
 * platform Maven resolved equals the one JavaCPP detects in this JVM, and the module path holds that
 * platform's natives alone. A build for another platform ({@code -Djavacpp.platform=...}) cannot run
 * these tests, nor any other that computes.
 */
class NativePlatformTest {
    private static final Pattern NATIVES_JAR =
            Pattern.compile("-((?:linux|macosx|windows|android|ios)-[a-z0-9_]+)\\.jar$");

    @Test
    void theBuildResolvedTheHostsPlatform() {
        assertThat(System.getProperty("vae.javacpp.platform")).isEqualTo(Loader.getPlatform());
    }

    @Test
    void theModulePathHoldsTheHostsNativesOnly() {
        Set<String> platforms = ModuleLayer.boot().configuration().modules().stream()
                .map(ResolvedModule::reference)
                .flatMap(reference -> reference.location().stream())
                .map(location -> Path.of(location).getFileName().toString())
                .map(NATIVES_JAR::matcher)
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .collect(Collectors.toSet());
        assertThat(platforms).containsExactly(Loader.getPlatform());
    }
}
