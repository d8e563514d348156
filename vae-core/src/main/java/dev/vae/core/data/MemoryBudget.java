package dev.vae.core.data;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The memory that one data set may take, claimed as each file's header is read or each CSV row is
 * parsed, before the values are allocated, so that data larger than the JVM can hold are refused at
 * once instead of ending in an OutOfMemoryError after a long read.
 */
final class MemoryBudget {
    /** Each value is held as a 4-byte float (or int label). */
    private static final int BYTES_PER_VALUE = 4;
    private static final double GIB = 1L << 30;
    private static final double MIB = 1L << 20;

    private final long limit;
    private long claimed;

    /** @param limit the bytes the data may take in all */
    MemoryBudget(long limit) {
        this.limit = limit;
    }

    /**
     * The JVM's own limit: ND4J keeps arrays off the heap with a default cap equal to the maximum
     * heap, so {@link Runtime#maxMemory()} bounds both copies of the data.
     */
    static MemoryBudget ofJvm() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory());
    }

    /**
     * Claims room for {@code values} more values.
     *
     * @param source the file, for the message
     * @param what what the file holds, for the message, such as {@code its header declares 60000x28x28 values}
     * @throws DataTooLargeException if the claims so far and this one exceed the limit, saying how
     *     much is needed and how to give the JVM more
     */
    void claim(Object source, long values, Supplier<String> what) throws DataTooLargeException {
        long bytes = values > (Long.MAX_VALUE - claimed) / BYTES_PER_VALUE ? Long.MAX_VALUE : claimed + values * BYTES_PER_VALUE;
        if (bytes > limit) {
            throw new DataTooLargeException(source, String.format(Locale.ROOT, "%s; the data would need %s of memory as "
                    + "floats, more than the %s this JVM may use; give it more, e.g. VAE_JAVA_OPTS=-Xmx%dg", what.get(),
                    size(bytes), size(limit), suggestedGib(bytes)));
        }
        claimed = bytes;
    }

    private static String size(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
        }
        return bytes >= MIB ? String.format(Locale.ROOT, "%.1f MiB", bytes / MIB) : bytes + " bytes";
    }

    // Twice the data: training needs room for batches and the model beside it.
    private static long suggestedGib(long bytes) {
        return Math.max(1, (long) Math.ceil(2 * (bytes / GIB)));
    }
}
