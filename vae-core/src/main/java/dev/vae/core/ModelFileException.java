package dev.vae.core;

import java.io.IOException;

/** A file that cannot be loaded as a model; the message names the file and what is wrong with it. */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(Object file, String problem) {
        super(file + ": " + problem);
    }
}
