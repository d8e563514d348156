package dev.vae.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files (the MNIST format), plain or gzip-compressed, detected by content.
 *
 * <p>An IDX file is a big-endian header, two zero bytes, a type byte (0x08 for unsigned bytes) and
 * the number of dimensions, then one 32-bit size per dimension, then the data in row-major order.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads a whole IDX file.
     *
     * @param in the bytes, closed by this method
     * @param source the file's name for messages
     * @param expectedDims how many dimensions the file must have (1 for labels, 3 for images)
     * @throws IdxFormatException if the file is empty, truncated, has trailing bytes, another magic
     *     number or type, another rank, or no items
     */
    public static IdxArray read(InputStream in, String source, int expectedDims) throws IOException {
        try (DataInputStream data = new DataInputStream(decompressed(in, source))) {
            int[] dims = header(data, source, expectedDims);
            long count = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
            if (count > MAX_ELEMENTS) {
                throw new IdxFormatException(source, "too large: " + count + " values");
            }
            byte[] values = new byte[(int) count];
            try {
                data.readFully(values);
            } catch (EOFException e) {
                throw new IdxFormatException(source, "truncated: the header promises " + count + " values");
            }
            if (data.read() != -1) {
                throw new IdxFormatException(source, "has bytes after the " + count + " values its header promises");
            }
            return new IdxArray(dims, values);
        } catch (ZipException e) {
            throw new IdxFormatException(source, "corrupt gzip data (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new IdxFormatException(source, "truncated gzip data");
        }
    }

    private static InputStream decompressed(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == -1) {
            throw new IdxFormatException(source, "is empty");
        }
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return gzip ? new GZIPInputStream(buffered) : buffered;
    }

    private static int[] header(DataInputStream data, String source, int expectedDims) throws IOException {
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(source, "is empty or shorter than an IDX header");
        }
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE) {
            throw new IdxFormatException(source, String.format(
                    "wrong magic number 0x%08x; expected an unsigned-byte IDX file (0x000008%02x)", magic, expectedDims));
        }
        if (rank != expectedDims) {
            throw new IdxFormatException(source, "has " + rank + " dimensions; expected " + expectedDims);
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = data.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(source, "truncated inside its header");
            }
            if (dims[i] <= 0) {
                throw new IdxFormatException(source, "dimension " + i + " has size " + dims[i] + "; expected at least 1");
            }
        }
        return dims;
    }

    /**
     * The content of an IDX file.
     *
     * @param dims the sizes, first the number of items
     * @param values the unsigned bytes in row-major order
     */
    public record IdxArray(int[] dims, byte[] values) {

        /** The number of items: the size of the first dimension. */
        public int items() {
            return dims[0];
        }
    }
}
