package dev.vae.core.data;

import java.io.IOException;

/** A data file that is not a well-formed IDX file of the expected kind; the message names the file. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source the file, as a user would recognise it
     * @param problem what is wrong and what was expected
     */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
