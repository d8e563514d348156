package dev.vae.core.data;

import java.io.IOException;

/** Data that would not fit in this JVM's memory, refused before any of it is allocated; the message names the file. */
public final class DataTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    DataTooLargeException(Object source, String problem) {
        super(source + ": " + problem);
    }
}
