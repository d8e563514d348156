/** The vae command line: train, evaluate, sample and list plugins, with the pictures of a run and a page to watch runs. */
module dev.vae.app {
    requires dev.vae.core;
    requires com.google.gson;
    requires commons.math3;
    requires info.picocli;
    requires java.desktop;
    requires jdk.httpserver;
    // sun.misc.Signal: Ctrl-C and SIGTERM stop training at a step boundary, with a checkpoint.
    requires jdk.unsupported;
    requires org.jfree.jfreechart;

    opens dev.vae.app.cli to info.picocli, com.google.gson;
    opens dev.vae.app.run to com.google.gson;
}
