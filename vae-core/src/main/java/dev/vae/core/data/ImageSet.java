package dev.vae.core.data;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled images as rows of pixel intensities in [0, 1].
 *
 * @param images shape [N, rows * cols], single precision
 * @param labels one class label per image
 * @param rows image height in pixels
 * @param cols image width in pixels
 */
public record ImageSet(INDArray images, int[] labels, int rows, int cols) {

    /** Checks that the shapes agree. */
    public ImageSet {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (images.rank() != 2 || images.rows() != labels.length || images.columns() != (long) rows * cols) {
            throw new IllegalArgumentException("images of shape " + images.shapeInfoToString()
                    + " do not match " + labels.length + " labels of " + rows + "x" + cols + " pixels");
        }
    }

    /**
     * Plain rows of values, such as a table's, with neither labels nor an image shape: each row is
     * taken as an image of 1 x D, every label as 0. For training and evaluating models of p(x) and of
     * p(x | columns); a condition on labels needs real ones.
     *
     * @param rows shape [N, D], N and D at least 1; copied to single precision if of another type
     * @throws IllegalArgumentException if rows is not a non-empty matrix
     */
    public static ImageSet unlabelled(INDArray rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.rank() != 2 || rows.rows() < 1 || rows.columns() < 1) {
            throw new IllegalArgumentException("data must be a matrix [N, D] of one example per row, got shape "
                    + java.util.Arrays.toString(rows.shape()));
        }
        INDArray values = rows.dataType() == DataType.FLOAT ? rows : rows.castTo(DataType.FLOAT);
        return new ImageSet(values, new int[(int) rows.rows()], 1, (int) rows.columns());
    }

    /** Builds an image set from the bytes of IDX files, scaling bytes k to k / 255. */
    static ImageSet of(IdxHeader header, byte[] images, byte[] labels) {
        int n = header.items();
        int pixels = images.length / n;
        float[] values = new float[images.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (images[i] & 0xff) / 255f;
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = labels[i] & 0xff;
        }
        INDArray matrix = Nd4j.create(values, new long[] {n, pixels}, DataType.FLOAT);
        return new ImageSet(matrix, classes, header.dims()[1], header.dims()[2]);
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** The number of pixels per image. */
    public int dimension() {
        return rows * cols;
    }

    /** The first {@code n} images, for quick runs and tests. */
    public ImageSet head(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("can take 1 to " + size() + " images, not " + n);
        }
        int[] first = java.util.Arrays.copyOf(labels, n);
        return new ImageSet(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), first, rows, cols);
    }
}
