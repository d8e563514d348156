package dev.vae.core.data;

import java.io.IOException;

/**
 * A path that exists but is not the kind of file expected: a FIFO, a device or a folder where a
 * regular file belongs, or a file where a folder belongs. The message names the path and its kind.
 */
public final class FileTypeException extends IOException {
    private static final long serialVersionUID = 1L;

    FileTypeException(Object path, String kind, String expected) {
        super(path + ": is " + kind + ", not " + expected);
    }
}
