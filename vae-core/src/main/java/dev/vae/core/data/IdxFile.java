package dev.vae.core.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file, plain or gzip-compressed (detected by content), opened and checked against its
 * header before its values are read: a plain file's length must be exactly what the header
 * declares, and a gzip file must be able to inflate to it. Reading then takes exactly the declared
 * bytes and refuses the file at the first byte beyond them.
 */
final class IdxFile implements Closeable {
    /**
     * DEFLATE encodes at most 258 bytes in 2 bits, so no gzip file inflates to more than about
     * 1032 times its size; a header that declares more is refused unread.
     */
    static final long MAX_GZIP_RATIO = 1032;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final DataInputStream data;
    private final String source;
    private final IdxHeader header;
    private final long values;

    private IdxFile(DataInputStream data, String source, IdxHeader header, long values) {
        this.data = data;
        this.source = source;
        this.header = header;
        this.values = values;
    }

    /**
     * Opens a regular file and checks its header.
     *
     * @throws java.nio.file.NoSuchFileException if it is missing
     * @throws FileTypeException if it is a FIFO, a device or a folder: none is opened
     * @throws IdxFormatException if the header is malformed or disagrees with the file's length
     */
    static IdxFile open(Path file, int expectedDims) throws IOException {
        FileKind.requireRegularFile(file, "an IDX file");
        return open(Files.newInputStream(file), Files.size(file), file.toString(), expectedDims);
    }

    /**
     * Opens a stream and checks its header.
     *
     * @param in the bytes, closed with this file or when the header is refused
     * @param length how many bytes the stream holds, compressed if it is gzip
     * @param source the file's name for messages
     * @param expectedDims how many dimensions the file must have (1 for labels, 3 for images)
     */
    static IdxFile open(InputStream in, long length, String source, int expectedDims) throws IOException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in);
            boolean gzip = isGzip(buffered, source);
            DataInputStream data = new DataInputStream(gzip ? new GZIPInputStream(buffered) : buffered);
            IdxHeader header = IdxHeader.read(data, source, expectedDims);
            long values = header.values(source);
            if (gzip) {
                checkInflatable(header, values, length, source);
            } else {
                checkLength(header, values, length, source);
            }
            if (values > MAX_ARRAY) {
                throw new IdxFormatException(source, "its header declares " + header.shape() + " values; at most "
                        + MAX_ARRAY + " fit in one array");
            }
            return new IdxFile(data, source, header, values);
        } catch (ZipException e) {
            in.close();
            throw new IdxFormatException(source, "corrupt gzip data (" + e.getMessage() + ")");
        } catch (EOFException e) {
            in.close();
            throw new IdxFormatException(source, "truncated gzip data");
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzip(BufferedInputStream in, String source) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == -1) {
            throw new IdxFormatException(source, "is empty");
        }
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static void checkLength(IdxHeader header, long values, long length, String source) throws IdxFormatException {
        long expected = header.length() + values;
        if (length != expected) {
            throw new IdxFormatException(source, String.format("is %d bytes, %s than the %d its header declares (%s values "
                    + "after a %d-byte header)", length, length < expected ? "shorter" : "longer", expected, header.shape(),
                    header.length()));
        }
    }

    private static void checkInflatable(IdxHeader header, long values, long length, String source) throws IdxFormatException {
        long declared = header.length() + values;
        if (length <= Long.MAX_VALUE / MAX_GZIP_RATIO && declared > MAX_GZIP_RATIO * length) {
            throw new IdxFormatException(source, String.format("its header declares %d bytes (%s values after a %d-byte "
                    + "header), more than a gzip file of %d bytes can inflate to (%d times its size)", declared,
                    header.shape(), header.length(), length, MAX_GZIP_RATIO));
        }
    }

    /** The file's name, as messages give it. */
    String source() {
        return source;
    }

    /** The header's sizes. */
    IdxHeader header() {
        return header;
    }

    /** How many values the header declares. */
    long values() {
        return values;
    }

    /**
     * Reads the declared values, then checks that nothing follows them.
     *
     * @throws IdxFormatException if the data end early, go on past the declared size, or are corrupt gzip data
     */
    byte[] read() throws IOException {
        byte[] bytes = new byte[(int) values];
        try {
            int filled = 0;
            while (filled < bytes.length) {
                int n = data.read(bytes, filled, bytes.length - filled);
                if (n < 0) {
                    throw new IdxFormatException(source, "truncated: ends after " + filled + " of the " + values
                            + " values its header declares");
                }
                filled += n;
            }
            if (data.read() != -1) {
                throw new IdxFormatException(source, "holds more than the " + values + " values its header declares");
            }
            return bytes;
        } catch (ZipException e) {
            throw new IdxFormatException(source, "corrupt gzip data (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new IdxFormatException(source, "truncated gzip data");
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
