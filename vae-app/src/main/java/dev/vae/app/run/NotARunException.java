package dev.vae.app.run;

import java.io.IOException;
import java.nio.file.Path;

/** A folder that {@code vae train} would have to replace or continue is not one of its runs. */
public final class NotARunException extends IOException {
    private static final long serialVersionUID = 1L;

    NotARunException(Path folder, String why) {
        super(folder + " is not a run written by vae train (" + why + ")");
    }
}
