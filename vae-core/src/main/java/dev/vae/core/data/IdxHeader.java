package dev.vae.core.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The header of an unsigned-byte IDX file (the MNIST format): two zero bytes, a type byte (0x08 for
 * unsigned bytes) and the number of dimensions, then one big-endian 32-bit size per dimension.
 *
 * @param dims the sizes, first the number of items
 */
record IdxHeader(int[] dims) {
    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads and checks a header.
     *
     * @param source the file, for messages
     * @param expectedDims how many dimensions the file must have (1 for labels, 3 for images)
     * @throws IdxFormatException for a short header, another magic number or type, another rank, or
     *     a size below 1
     */
    static IdxHeader read(DataInputStream data, String source, int expectedDims) throws IOException {
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
        return new IdxHeader(dims);
    }

    /** The header's own length in bytes. */
    int length() {
        return 4 + 4 * dims.length;
    }

    /** The number of items: the size of the first dimension. */
    int items() {
        return dims[0];
    }

    /**
     * The number of values the header declares, one byte each.
     *
     * @throws IdxFormatException if the product of the sizes does not fit in 64 bits
     */
    long values(String source) throws IdxFormatException {
        try {
            return Arrays.stream(dims).asLongStream().reduce(1, Math::multiplyExact);
        } catch (ArithmeticException e) {
            throw new IdxFormatException(source, "its header declares " + shape() + " values, more than any file holds");
        }
    }

    /** The sizes as a user reads them, such as {@code 60000x28x28}. */
    String shape() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }
}
