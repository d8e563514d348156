package dev.vae.core;

import dev.vae.core.data.ImageSet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * Fits a {@link VaeGraph} with RMSprop on shuffled mini-batches and measures the validation NELBO
 * after each epoch. Three random streams, all from the configuration's seed, keep a run repeatable:
 * one shuffles, one draws the training eps, one draws the validation eps.
 *
 * <p>Each step computes the loss and every gradient in one pass of the gradient graph and applies
 * the updates here, rather than through {@code SameDiff.fit}, whose fit loop never evaluates the loss
 * itself: backpropagation starts from a constant 1, so the loss the fit loop reports is 0.
 */
final class Trainer {
    /** Keras' RMSprop defaults, which the tutorial trains with. */
    private static final double RHO = 0.9;
    private static final double EPSILON = 1e-7;

    private final VaeGraph graph;
    private final List<String> parameters = new ArrayList<>();
    private final List<GradientUpdater<?>> updaters = new ArrayList<>();
    private int iteration;

    Trainer(VaeGraph graph) {
        this.graph = graph;
        RmsProp rmsProp = new RmsProp(graph.config().learningRate(), RHO, EPSILON);
        graph.forEachParameter((name, array) -> {
            parameters.add(name);
            INDArray state = Nd4j.create(array.dataType(), 1, rmsProp.stateSize(array.length()));
            updaters.add(rmsProp.instantiate(state, true));
        });
        createGradientQuietly(graph.sameDiff());
    }

    static List<EpochStats> train(VaeGraph graph, ImageSet train, ImageSet validation, TrainingListener listener) {
        return new Trainer(graph).run(train, validation, listener);
    }

    private List<EpochStats> run(ImageSet train, ImageSet validation, TrainingListener listener) {
        VaeConfig config = graph.config();
        java.util.Random shuffle = new java.util.Random(config.seed());
        Random trainNoise = Nd4j.getRandomFactory().getNewRandomInstance(config.seed() + 1);
        Random validationNoise = Nd4j.getRandomFactory().getNewRandomInstance(config.seed() + 2);
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            graph.enterEpoch(epoch);
            EpochBatches batches = new EpochBatches(train.images(), graph, config.batchSize(), shuffle, trainNoise);
            double[] means = epoch(batches, epoch, listener);
            double validationNelbo = graph.perExample(VaeGraph.NELBO, validation.images(), validationNoise)
                    .meanNumber().doubleValue();
            EpochStats stats = new EpochStats(epoch, means[0], means[1], validationNelbo, (System.nanoTime() - start) / 1e9);
            history.add(stats);
            listener.epochDone(stats);
        }
        return history;
    }

    /** Runs one epoch and returns its mean loss and mean NELBO, weighting each batch by its size. */
    private double[] epoch(EpochBatches batches, int epoch, TrainingListener listener) {
        double sum = 0;
        double nelboSum = 0;
        long examples = 0;
        while (batches.hasNext()) {
            Map<String, INDArray> feed = batches.next();
            long rows = feed.get(VaeGraph.X).rows();
            Step step = step(feed, epoch);
            if (!Double.isFinite(step.loss())) {
                throw new TrainingDivergedException(epoch, step.loss());
            }
            sum += step.loss() * rows;
            nelboSum += step.nelbo() * rows;
            examples += rows;
            listener.batchDone(epoch, examples, batches.size());
        }
        return new double[] {sum / examples, nelboSum / examples};
    }

    /** The loss and the batch's mean NELBO before an update. */
    record Step(double loss, double nelbo) {
    }

    /** One RMSprop step. */
    Step step(Map<String, INDArray> feed, int epoch) {
        SameDiff sd = graph.sameDiff();
        OutAndGrad result = sd.calculateGradientsAndOutputs(feed, List.of(VaeGraph.LOSS, VaeGraph.NELBO), parameters);
        Map<String, INDArray> gradients = result.getGradients();
        for (int i = 0; i < parameters.size(); i++) {
            INDArray gradient = gradients.get(parameters.get(i));
            updaters.get(i).applyUpdater(gradient, iteration, epoch);
            sd.getArrForVarName(parameters.get(i)).subi(gradient);
        }
        iteration++;
        return new Step(result.getOutputs().get(VaeGraph.LOSS).getDouble(0),
                result.getOutputs().get(VaeGraph.NELBO).meanNumber().doubleValue());
    }

    /**
     * Builds the gradient graph once, before the first step. SameDiff prints a line per differentiated
     * op to standard output while it does so, which a library must not do to its users.
     */
    private static void createGradientQuietly(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }
}
