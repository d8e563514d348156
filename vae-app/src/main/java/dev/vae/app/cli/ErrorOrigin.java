package dev.vae.app.cli;

import java.util.Set;

/**
 * Says where an {@link Error} came from: the innermost frame of a module other than the platform's,
 * ND4J's and the framework's own, which is a plugin's, or else the error alone. A plugin that
 * recurses without end is then named, not buried under a thousand lines of stack.
 */
final class ErrorOrigin {
    private static final Set<String> FRAMEWORK = Set.of("dev.vae.api", "dev.vae.core", "dev.vae.app", "info.picocli",
            "com.google.guice", "com.google.gson");

    private ErrorOrigin() {
    }

    static String describe(Error e) {
        String what = e instanceof OutOfMemoryError ? "out of memory (" + e.getMessage()
                + "); give the JVM more, e.g. VAE_JAVA_OPTS=-Xmx16g" : e.toString();
        for (StackTraceElement frame : e.getStackTrace()) {
            String module = frame.getModuleName();
            if (module != null && !isFramework(module)) {
                String version = frame.getModuleVersion() == null ? "" : "@" + frame.getModuleVersion();
                return what + " in " + module + version + " (" + frame.getClassName() + "." + frame.getMethodName() + ")";
            }
        }
        return what;
    }

    private static boolean isFramework(String module) {
        return FRAMEWORK.contains(module) || module.startsWith("java.") || module.startsWith("jdk.")
                || module.startsWith("nd4j") || module.startsWith("org.bytedeco");
    }
}
