package dev.vae.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged app in a child JVM on its module path, as the launcher runs it, for the integration
 * tests: one thread, the build's JavaCPP cache, no plugin path from the environment, standard output
 * and error captured in files of a working folder.
 */
public final class AppProcess {
    static final Path MODULES = Path.of(System.getProperty("app.modules"));
    /** The JavaCPP cache the build filled from {@link #MODULES}, which the launcher uses too. */
    static final Path NATIVES = Path.of(System.getProperty("app.natives"));

    /** What a finished command left: its exit code and its two streams. */
    public record Run(int code, String out, String err) {
    }

    private final Path workDir;
    private final Path natives;

    /** @param workDir where the streams are captured, and the child's working folder */
    public AppProcess(Path workDir) {
        this(workDir, NATIVES);
    }

    /**
     * @param workDir where the streams are captured, and the child's working folder
     * @param natives the JavaCPP cache folder of the child
     */
    AppProcess(Path workDir, Path natives) {
        this.workDir = workDir;
        this.natives = natives;
    }

    /**
     * The command line of a child JVM running {@code vae args}, with SIGINT handled as a terminal's
     * job has it: a shell starts a background job with SIGINT ignored, a JVM keeps an ignored SIGINT
     * ignored, and a build may well run in the background.
     */
    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Dorg.bytedeco.javacpp.cachedir=" + natives,
                "--module-path", MODULES.toString(), "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.vae.app/dev.vae.app.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** A started, not yet awaited, {@code vae args}, whose streams go to {@code NAME.out} and {@code NAME.err}. */
    public Process start(String name, Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(workDir.toFile())
                .redirectOutput(workDir.resolve(name + ".out").toFile())
                .redirectError(workDir.resolve(name + ".err").toFile());
        builder.environment().remove(PluginPathOption.ENVIRONMENT);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The streams and exit code of a process from {@link #start}, once it has ended. */
    public Run await(String name, Process process) throws IOException, InterruptedException {
        int code = process.waitFor();
        return new Run(code, Files.readString(workDir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    /** Runs {@code vae args} to its end. */
    Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return await("run", start("run", environment, args));
    }

    /** Runs {@code vae args} to its end, with the default environment. */
    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }
}
