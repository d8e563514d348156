package dev.vae.core.data;

import java.io.IOException;

/** A CSV data file that cannot be read as a table of numbers; the message names the file, line and cell. */
public final class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    CsvFormatException(Object file, String problem) {
        super(file + ": " + problem);
    }
}
