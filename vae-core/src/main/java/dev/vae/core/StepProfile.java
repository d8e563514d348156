package dev.vae.core;

import java.util.List;
import java.util.Optional;

/**
 * Where the time of a training step goes: each op class of the step's compiled plan, the optimizer's
 * update, and the rest (batch preparation, re-binding the batch, reading the loss: Java's part).
 * Milliseconds are means per step of the stepping thread's CPU time, which other processes on the
 * machine disturb less than the wall clock; with one OpenMP thread all of a step's work is on it.
 *
 * @param refusal why the step is not planned, in which case it runs through SameDiff's session and
 *     nothing else here is measured; empty when it is planned
 * @param ops the number of ops the plan executes per step
 * @param steps the steps measured
 * @param stepMillis a whole step
 * @param stepWallMillis a whole step on the wall clock
 * @param opClasses every op class of the plan, the costliest first
 * @param updateMillis the optimizer's update of every weight
 * @param otherMillis the step less its ops and its update
 */
public record StepProfile(Optional<String> refusal, int ops, int steps, double stepMillis, double stepWallMillis,
                          List<OpClass> opClasses,
                          double updateMillis, double otherMillis) {

    /**
     * The ops of one class in a plan.
     *
     * @param name the class's simple name
     * @param count how many of the plan's ops are of this class
     * @param millis their time per step
     */
    public record OpClass(String name, int count, double millis) {
    }

    public StepProfile {
        opClasses = List.copyOf(opClasses);
    }

    /** The profile of a step that runs through SameDiff's session, for this reason. */
    public static StepProfile notPlanned(String reason) {
        return new StepProfile(Optional.of(reason), 0, 0, 0, 0, List.of(), 0, 0);
    }

    /** Whether the step runs on a compiled plan, so that the figures are measured. */
    public boolean planned() {
        return refusal.isEmpty();
    }

    /** The percentage of a step that {@code millis} per step is. */
    public double share(double millis) {
        return 100 * millis / stepMillis;
    }
}
