package dev.vae.app.cli;

/** What the process's exit code tells a script. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Something failed that is not the user's input: a bug, a full disk, a training run that diverged. */
    static final int FAILURE = 1;
    /** The user's input was wrong: an option, a data folder, a model file, an output path. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
