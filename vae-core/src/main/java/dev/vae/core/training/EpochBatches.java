package dev.vae.core.training;

import dev.vae.core.graph.VaeGraph;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
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

    /**
     * The rows of a matrix, in the given order, as a new dense matrix. ND4J's {@code pullRows} copies
     * element by element (about 2 ms for 1,000 rows of 784 floats, a tenth of a step); the rows of a
     * matrix whose rows lie one after the other in its buffer are copied here as blocks of bytes.
     */
    static INDArray gather(INDArray data, int[] rows) {
        if (data.rank() != 2 || data.ordering() != 'c' || data.stride(1) != 1 || data.stride(0) != data.columns()
                || data.data().offset() != 0) {
            return Nd4j.pullRows(data, 1, rows);
        }
        INDArray batch = Nd4j.create(data.dataType(), rows.length, data.columns());
        ByteBuffer source = data.data().asNio();
        ByteBuffer target = batch.data().asNio();
        int width = data.dataType().width();
        int rowBytes = Math.toIntExact(data.columns() * width);
        long first = data.offset() * width;
        for (int i = 0; i < rows.length; i++) {
            target.put(i * rowBytes, source, Math.toIntExact(first + (long) rows[i] * rowBytes), rowBytes);
        }
        // The buffers point into native memory that ND4J frees once its arrays are unreachable.
        Reference.reachabilityFence(data);
        return batch;
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
        INDArray batch = gather(data, rows);
        INDArray x = batch.dataType() == graph.dataType() ? batch : batch.castTo(graph.dataType());
        return graph.feed(x, graph.noise(rows.length, noise));
    }
}
