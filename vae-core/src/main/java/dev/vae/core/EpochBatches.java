package dev.vae.core;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * One epoch of shuffled mini-batches, each paired with fresh eps, as SameDiff's fit loop reads them:
 * feature 0 is x [B, D], feature 1 is eps [K, B, noise]. The last batch may be smaller.
 */
final class EpochBatches implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient INDArray data;
    private final transient VaeGraph graph;
    private final transient org.nd4j.linalg.api.rng.Random noise;
    private final int batchSize;
    private final int[] order;
    private int position;

    EpochBatches(INDArray data, VaeGraph graph, int batchSize, Random shuffle, org.nd4j.linalg.api.rng.Random noise) {
        this.data = data;
        this.graph = graph;
        this.batchSize = batchSize;
        this.noise = noise;
        this.order = permutation((int) data.rows(), shuffle);
    }

    /** A Fisher-Yates shuffle, so that the order depends on the seed alone. */
    private static int[] permutation(int n, Random rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public boolean hasNext() {
        return position < order.length;
    }

    @Override
    public MultiDataSet next() {
        return next(batchSize);
    }

    @Override
    public MultiDataSet next(int num) {
        int end = Math.min(order.length, position + num);
        int[] rows = java.util.Arrays.copyOfRange(order, position, end);
        position = end;
        INDArray x = data.getRows(rows).castTo(graph.dataType());
        return new MultiDataSet(new INDArray[] {x, graph.noise(rows.length, noise)}, new INDArray[0]);
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("an epoch is read once; make a new one for the next epoch");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are not preprocessed");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }
}
