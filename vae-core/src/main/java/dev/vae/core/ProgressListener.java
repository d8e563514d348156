package dev.vae.core;

/** Told how far a long evaluation has come, on the evaluating thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that does nothing. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * After each block of work.
     *
     * @param done examples finished so far
     * @param total examples in all
     */
    void progress(long done, long total);
}
