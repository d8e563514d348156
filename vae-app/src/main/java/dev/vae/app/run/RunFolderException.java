package dev.vae.app.run;

import java.io.IOException;

/** An output folder that a run may not be written to, or continued from, as it is. */
public final class RunFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    RunFolderException(String message) {
        super(message);
    }
}
