package dev.vae.core;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's random streams by seed. ND4J seeds a stream created with seed 0 from the clock, so two
 * streams of seed 0 differ; seed 0 is therefore given another fixed stream, and every seed, 0
 * included, fixes its draws.
 */
final class SeededRandom {
    /** The stream that seed 0 stands for: the 64-bit golden ratio, which no one types by chance. */
    private static final long ZERO = 0x9E3779B97F4A7C15L;

    private SeededRandom() {
    }

    /** The stream of this seed. */
    static Random of(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed == 0 ? ZERO : seed);
    }
}
