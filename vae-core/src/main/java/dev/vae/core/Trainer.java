package dev.vae.core;

import dev.vae.core.data.ImageSet;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerResponse;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.listeners.records.LossCurve;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * Fits a {@link VaeGraph} with RMSprop on shuffled mini-batches and measures the validation NELBO
 * after each epoch. Three random streams, all from the configuration's seed, keep a run repeatable:
 * one shuffles, one draws the training eps, one draws the validation eps.
 */
final class Trainer {
    /** Keras' RMSprop defaults, which the tutorial trains with. */
    private static final double RHO = 0.9;
    private static final double EPSILON = 1e-7;

    private Trainer() {
    }

    static List<EpochStats> train(VaeGraph graph, ImageSet train, ImageSet validation, EpochListener listener) {
        VaeConfig config = graph.config();
        SameDiff sd = graph.sameDiff();
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new RmsProp(config.learningRate(), RHO, EPSILON))
                .dataSetFeatureMapping(VaeGraph.X, VaeGraph.EPS)
                .markLabelsUnused()
                .minimize(VaeGraph.LOSS)
                .build());
        createGradientQuietly(sd);
        java.util.Random shuffle = new java.util.Random(config.seed());
        Random trainNoise = Nd4j.getRandomFactory().getNewRandomInstance(config.seed() + 1);
        Random validationNoise = Nd4j.getRandomFactory().getNewRandomInstance(config.seed() + 2);
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            EpochLoss epochLoss = new EpochLoss();
            sd.fit(new EpochBatches(train.images(), graph, config.batchSize(), shuffle, trainNoise), 1, epochLoss);
            double loss = epochLoss.mean;
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(epoch, loss);
            }
            double validationNelbo = graph.perExample(VaeGraph.NELBO, validation.images(), validationNoise)
                    .meanNumber().doubleValue();
            EpochStats stats = new EpochStats(epoch, loss, validationNelbo, (System.nanoTime() - start) / 1e9);
            history.add(stats);
            listener.epochDone(stats);
        }
        return history;
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

    /**
     * Reads the epoch's mean loss, which the fit loop averages anyway, once at the end of the epoch;
     * SameDiff's own History leaves it out unless evaluations are configured.
     */
    private static final class EpochLoss extends BaseListener {
        private double mean = Double.NaN;

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public ListenerResponse epochEnd(SameDiff sd, At at, LossCurve lossCurve, long epochTimeMillis) {
            mean = lossCurve.lastMeanLoss(VaeGraph.LOSS);
            return ListenerResponse.CONTINUE;
        }
    }
}
