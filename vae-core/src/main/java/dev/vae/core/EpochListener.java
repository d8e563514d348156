package dev.vae.core;

/** Called after each epoch of training, on the training thread. */
@FunctionalInterface
public interface EpochListener {

    /** A listener that does nothing. */
    EpochListener NONE = stats -> { };

    /** @param stats the finished epoch; never null */
    void epochDone(EpochStats stats);
}
