package dev.vae.core.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Splits a batch's feed into consecutive parts of examples, one per thread of a step. A placeholder's
 * batch axis is the axis its declaration leaves open (-1): x is [B, D], eps [K, B, W]; a placeholder
 * with no open axis, such as a scheduled temperature, is the same in every part.
 */
final class BatchShards {
    private final Map<String, Integer> batchAxes = new HashMap<>();
    private final int parts;

    /** @param parts the most parts a batch is split into; fewer when a batch has fewer examples */
    BatchShards(SameDiff sd, int parts) {
        this.parts = parts;
        for (String name : sd.inputs()) {
            long[] declared = sd.getVariable(name).placeholderShape();
            for (int axis = 0; declared != null && axis < declared.length; axis++) {
                if (declared[axis] == -1) {
                    batchAxes.put(name, axis);
                    break;
                }
            }
        }
    }

    /** A part of a batch: its feed and its share of the batch's examples. */
    record Shard(Map<String, INDArray> feed, long rows, double share) {
    }

    /**
     * The batch in {@code min(parts, rows)} parts of as near equal size as can be, the first ones
     * larger by one where they cannot be equal. A part's array is a view of the batch's where its
     * examples lie together in the buffer (x; eps of one sample), otherwise a dense copy.
     */
    List<Shard> split(Map<String, INDArray> feed) {
        long rows = rows(feed);
        int count = (int) Math.max(1, Math.min(parts, rows));
        List<Shard> shards = new ArrayList<>(count);
        if (count == 1) {
            shards.add(new Shard(feed, rows, 1));
            return shards;
        }
        long start = 0;
        for (int i = 0; i < count; i++) {
            long size = rows / count + (i < rows % count ? 1 : 0);
            Map<String, INDArray> part = new HashMap<>();
            for (Map.Entry<String, INDArray> e : feed.entrySet()) {
                Integer axis = batchAxes.get(e.getKey());
                part.put(e.getKey(), axis == null ? e.getValue() : slice(e.getValue(), axis, start, start + size));
            }
            shards.add(new Shard(part, size, (double) size / rows));
            start += size;
        }
        return shards;
    }

    private long rows(Map<String, INDArray> feed) {
        long rows = -1;
        for (Map.Entry<String, Integer> e : batchAxes.entrySet()) {
            INDArray arr = feed.get(e.getKey());
            if (arr == null) {
                continue;
            }
            long n = arr.size(e.getValue());
            if (rows >= 0 && n != rows) {
                throw new IllegalArgumentException("the feed's placeholders disagree on the batch size: " + rows
                        + " and " + n + " (" + e.getKey() + ")");
            }
            rows = n;
        }
        if (rows < 0) {
            throw new IllegalArgumentException("the feed holds no placeholder with a batch axis");
        }
        return rows;
    }

    private static INDArray slice(INDArray array, int axis, long from, long to) {
        if (array.ordering() == 'c' && !array.isView() && leadingOnes(array, axis)) {
            long[] shape = array.shape().clone();
            shape[axis] = to - from;
            long rowLength = array.length() / array.size(axis);
            return array.reshape(array.length()).get(NDArrayIndex.interval(from * rowLength, to * rowLength)).reshape(shape);
        }
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        for (int d = 0; d < index.length; d++) {
            index[d] = d == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return array.get(index).dup('c');
    }

    /** Whether every axis before {@code axis} has extent 1, so that a range along it is one run of the buffer. */
    private static boolean leadingOnes(INDArray array, int axis) {
        for (int d = 0; d < axis; d++) {
            if (array.size(d) != 1) {
                return false;
            }
        }
        return true;
    }
}
