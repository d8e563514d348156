package dev.vae.core.graph;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * One of the losses a model's weights descend, over weights no other loss trains: the model's own,
 * the decoder's where the divergence trains it with another objective, a discriminator's. The graph
 * sums them into one scalar with gradients stopped so that each reaches its own weights alone; the
 * trainer applies each weight's gradient with its objective's optimizer state and rate.
 *
 * @param output the graph output holding the loss
 * @param roles the roles whose weights it trains; empty for every role no other objective names
 * @param learningRate the step size of its optimizer; empty for the model's
 * @param stepsPerBatch updates of its weights per batch, the extra ones before the rest
 */
public record TrainingObjective(String output, Set<String> roles, OptionalDouble learningRate, int stepsPerBatch) {

    /** The role a weight of this full name belongs to: the name's first part. */
    public static String roleOf(String weight) {
        int dot = weight.indexOf('.');
        return dot < 0 ? weight : weight.substring(0, dot);
    }
}
