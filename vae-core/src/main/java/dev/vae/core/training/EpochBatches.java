package dev.vae.core.training;

import dev.vae.core.graph.VaeGraph;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch of shuffled mini-batches, each paired with fresh eps, as graph feeds: x is [B, D] and
 * eps is [K, B, noise]. The last batch may be smaller.
 */
public final class EpochBatches implements Iterator<Map<String, INDArray>> {
    private final INDArray data;
    private final VaeGraph graph;
    private final org.nd4j.linalg.api.rng.Random noise;
    private final int batchSize;
    private final int[] order;
    private int position;

    public EpochBatches(INDArray data, VaeGraph graph, int batchSize, Random shuffle, org.nd4j.linalg.api.rng.Random noise) {
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

    /**
     * Draws an epoch's order from {@code shuffle} and discards it, as an epoch that already ran drew
     * it: replaying the finished epochs of a run puts the shuffle where the run left it.
     */
    public static void replayShuffle(int n, Random shuffle) {
        permutation(n, shuffle);
    }

    /**
     * Passes over the first batches without drawing their eps, for an epoch resumed part-way: the
     * batches were trained before, and the noise stream is restored to where they left it.
     */
    public void skip(int count) {
        position = (int) Math.min(order.length, (long) count * batchSize);
    }

    /** The batches taken so far. */
    public int batchesDone() {
        return (position + batchSize - 1) / batchSize;
    }

    /** The number of examples in the epoch. */
    public long size() {
        return order.length;
    }

    /** The examples taken so far. */
    public long examplesDone() {
        return position;
    }

    @Override
    public boolean hasNext() {
        return position < order.length;
    }

    @Override
    public Map<String, INDArray> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over");
        }
        int end = Math.min(order.length, position + batchSize);
        int[] rows = Arrays.copyOfRange(order, position, end);
        position = end;
        INDArray batch = Nd4j.pullRows(data, 1, rows);
        INDArray x = batch.dataType() == graph.dataType() ? batch : batch.castTo(graph.dataType());
        return graph.feed(x, graph.noise(rows.length, noise));
    }
}
