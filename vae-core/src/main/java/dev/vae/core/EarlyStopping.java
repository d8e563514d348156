package dev.vae.core;

import java.util.List;

/**
 * Ends training once the validation NELBO has not improved for {@code patience} epochs, and leaves
 * the run with the weights of its best epoch, the first of the least validation NELBO; the history
 * keeps every epoch trained. It keeps no state of its own, only the run's history and kept weights,
 * so a run resumed from a checkpoint stops where the uninterrupted one would.
 */
public final class EarlyStopping implements TrainingCallback {
    private final int patience;

    /**
     * @param patience epochs without a better validation NELBO before training ends, at least 1
     * @throws IllegalArgumentException if patience is below 1
     */
    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        this.patience = patience;
    }

    /** The epochs without a better validation NELBO before training ends. */
    public int patience() {
        return patience;
    }

    @Override
    public Decision onEpochEnd(EpochStats stats, TrainingRun run) {
        int best = bestEpoch(run.history());
        if (best == stats.epoch()) {
            run.keepWeights();
        }
        return stats.epoch() - best >= patience ? Decision.STOP : Decision.CONTINUE;
    }

    @Override
    public void onTrainEnd(TrainingRun run) {
        run.restoreKeptWeights();
    }

    /**
     * The first epoch of the least validation NELBO.
     *
     * @throws IllegalArgumentException for an empty history
     */
    public static int bestEpoch(List<EpochStats> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epoch has finished");
        }
        EpochStats best = history.get(0);
        for (EpochStats s : history) {
            if (s.validationNelbo() < best.validationNelbo()) {
                best = s;
            }
        }
        return best.epoch();
    }
}
