package dev.vae.core.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Each column of the data rescaled to mean 0 and scale 1: x' = (x - mean) / scale, with the training
 * set's mean and a scale of {@code max(std, largest |x - mean| / MAX_STANDARD_UNITS)}.
 *
 * <p>The floor is there for near-constant columns: a pixel that is 0 in all but a few images has a
 * standard deviation of a few thousandths, and divided by it those few values become hundreds of
 * units, which a Gaussian likelihood cannot fit without diverging. With the floor no training value
 * lies further than {@value #MAX_STANDARD_UNITS} units from 0. It is relative to each column's own
 * spread, so it needs no unit: a column of normal values never reaches it (among 10^6 draws the
 * largest is about 5 units). A constant column gets scale 1: any scale maps it to 0, and 1 leaves
 * the values of other data in that column as far from the mean as they are.
 *
 * <p>Rows given to {@link #apply} may carry more columns than the statistics cover (a conditional
 * model's condition after the data); those are left as they are.
 *
 * @param mean shape [1, D], single precision
 * @param scale shape [1, D], every value positive and finite
 */
public record Standardization(INDArray mean, INDArray scale) {
    /** The furthest a training value lies from 0 after standardizing. */
    public static final double MAX_STANDARD_UNITS = 10;

    /** Checks the shapes and that every scale is positive and finite. */
    public Standardization {
        if (mean.rank() != 2 || mean.rows() != 1 || !Arrays.equals(mean.shape(), scale.shape())) {
            throw new IllegalArgumentException("mean and scale must both have shape [1, D], got "
                    + Arrays.toString(mean.shape()) + " and " + Arrays.toString(scale.shape()));
        }
        if (!Double.isFinite(mean.sumNumber().doubleValue()) || scale.minNumber().doubleValue() <= 0
                || !Double.isFinite(scale.maxNumber().doubleValue())) {
            throw new IllegalArgumentException("the mean must be finite and every scale positive and finite");
        }
        mean = mean.castTo(DataType.FLOAT);
        scale = scale.castTo(DataType.FLOAT);
    }

    /**
     * The statistics of the first {@code columns} columns of the training rows.
     *
     * @param rows shape [N, D + C], N at least 1
     */
    public static Standardization fit(INDArray rows, int columns) {
        INDArray x = rows.get(NDArrayIndex.all(), NDArrayIndex.interval(0, columns)).castTo(DataType.DOUBLE);
        INDArray mean = x.mean(true, 0);
        INDArray deviation = x.subRowVector(mean);
        INDArray std = x.std(false, true, 0);
        INDArray floor = Nd4j.math().abs(deviation).max(true, 0).divi(MAX_STANDARD_UNITS);
        INDArray scale = Nd4j.math().max(std, floor);
        scale.replaceWhere(Nd4j.onesLike(scale), new org.nd4j.linalg.indexing.conditions.EqualsCondition(0));
        return new Standardization(mean.castTo(DataType.FLOAT), scale.castTo(DataType.FLOAT));
    }

    /** The number of columns D it rescales. */
    public int columns() {
        return (int) mean.columns();
    }

    /**
     * The rows with their first D columns standardized, as a new array.
     *
     * @param rows shape [N, D + C]
     */
    public INDArray apply(INDArray rows) {
        INDArray result = rows.dup();
        INDArray x = result.get(NDArrayIndex.all(), NDArrayIndex.interval(0, columns()));
        x.subiRowVector(mean.castTo(rows.dataType())).diviRowVector(scale.castTo(rows.dataType()));
        return result;
    }

    /**
     * Standardized values back in the data's units, as a new array.
     *
     * @param x shape [N, D]
     */
    public INDArray undo(INDArray x) {
        return x.mulRowVector(scale.castTo(x.dataType())).addiRowVector(mean.castTo(x.dataType()));
    }

    /** An image set with its values standardized. */
    public ImageSet apply(ImageSet set) {
        return new ImageSet(apply(set.images()), set.labels(), set.rows(), set.cols());
    }
}
