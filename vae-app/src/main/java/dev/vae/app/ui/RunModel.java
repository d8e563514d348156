package dev.vae.app.ui;

import dev.vae.core.TrainedVae;

/**
 * The model a run's page decodes with: its file's name ({@code model.vae}, or the checkpoint while
 * the run trains) and the model, whose history holds one line per epoch it finished.
 */
record RunModel(String file, TrainedVae model) {
    int epoch() {
        return model.history().size();
    }
}
