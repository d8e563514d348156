package dev.vae.core;

import dev.vae.core.data.ImageSet;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a conditional model (a conditional VAE, Sohn et al. 2015) is given beside each example: a
 * vector c that the encoder reads with x, q(z|x, c), and the decoder with z, p(x|z, c). It is the
 * one-hot of the example's label among {@code classes}, or columns of a CSV moved out of x into c.
 * The model reads an example and its condition as one row [x, c], which {@link #rows} builds.
 *
 * @param kind none, labels or columns
 * @param classes the labels' classes, 0 to classes - 1; 0 unless kind is labels
 * @param columns the 0-based columns of each CSV row moved into c, in this order; empty unless kind
 *     is columns
 */
public record Condition(Kind kind, int classes, List<Integer> columns) {
    /** The most classes or columns a condition may have. */
    public static final int MAX_WIDTH = 4096;

    /** Where c comes from. */
    public enum Kind {
        NONE, LABELS, COLUMNS
    }

    /** Checks that the fields agree with the kind. */
    public Condition {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        if (kind == Kind.LABELS && (classes < 2 || classes > MAX_WIDTH)) {
            throw new IllegalArgumentException("a condition on labels needs 2 to " + MAX_WIDTH + " classes, got " + classes);
        }
        if (kind != Kind.LABELS && classes != 0) {
            throw new IllegalArgumentException("only a condition on labels has classes");
        }
        if (kind == Kind.COLUMNS && (columns.isEmpty() || columns.size() > MAX_WIDTH)) {
            throw new IllegalArgumentException("a condition on columns needs 1 to " + MAX_WIDTH + " columns, got "
                    + columns.size());
        }
        if (kind != Kind.COLUMNS && !columns.isEmpty()) {
            throw new IllegalArgumentException("only a condition on columns has columns");
        }
        if (columns.stream().anyMatch(c -> c < 0) || columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException("condition columns must be distinct and 0 or more, got " + columns);
        }
    }

    /** No condition: a model of p(x). */
    public static Condition none() {
        return new Condition(Kind.NONE, 0, List.of());
    }

    /** The one-hot of each example's label, of {@code classes} classes. */
    public static Condition labels(int classes) {
        return new Condition(Kind.LABELS, classes, List.of());
    }

    /** The values of these columns of each row (one-row examples, as a CSV's), moved out of x. */
    public static Condition columns(List<Integer> columns) {
        return new Condition(Kind.COLUMNS, 0, columns);
    }

    /** Whether the model is conditional. */
    public boolean present() {
        return kind != Kind.NONE;
    }

    /** The width of c: the classes, the columns, or 0. */
    public int width() {
        return kind == Kind.LABELS ? classes : columns.size();
    }

    /**
     * The columns of x of data of {@code columns} columns per row: those moved into c are not x's
     * (a condition on columns takes data of one row per example).
     */
    public int dataWidth(int columns) {
        return columns - this.columns.size();
    }

    /**
     * The rows [x, c] the model reads for a data set; the images themselves without a condition.
     *
     * @throws IllegalArgumentException for a label outside the classes, a condition column outside
     *     the rows, or columns of data whose examples are images
     */
    public INDArray rows(ImageSet set) {
        return switch (kind) {
            case NONE -> set.images();
            case LABELS -> Nd4j.hstack(set.images(), oneHot(set.labels()).castTo(set.images().dataType()));
            case COLUMNS -> movedColumns(set);
        };
    }

    /**
     * The one-hot rows of labels, [N, classes].
     *
     * @throws IllegalArgumentException for a label outside 0 to classes - 1
     */
    public INDArray oneHot(int... labels) {
        if (kind != Kind.LABELS) {
            throw new IllegalArgumentException("the model's condition is " + this + ", not a class label");
        }
        INDArray c = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("class " + labels[i] + (labels.length > 1 ? " of example " + i : "")
                        + " is outside the model's classes 0 to " + (classes - 1));
            }
            c.putScalar(i, labels[i], 1);
        }
        return c;
    }

    private INDArray movedColumns(ImageSet set) {
        if (set.rows() != 1) {
            throw new IllegalArgumentException("a condition on columns takes data of one row per example (a CSV file), "
                    + "not images of " + set.rows() + "x" + set.cols());
        }
        int all = set.cols();
        for (int column : columns) {
            if (column >= all) {
                throw new IllegalArgumentException("condition column " + column + " is outside the data's " + all
                        + " columns (0 to " + (all - 1) + ")");
            }
        }
        if (columns.size() >= all) {
            throw new IllegalArgumentException("the condition takes all " + all + " columns of the data, leaving no x");
        }
        int[] order = new int[all];
        int next = 0;
        for (int column = 0; column < all; column++) {
            if (!columns.contains(column)) {
                order[next++] = column;
            }
        }
        for (int column : columns) {
            order[next++] = column;
        }
        return set.images().getColumns(order);
    }

    /** {@code labels:10}, {@code columns:3,4} or {@code none}, as {@code --condition} takes them. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case LABELS -> "labels:" + classes;
            case COLUMNS -> "columns:" + String.join(",", columns.stream().map(String::valueOf).toList());
        };
    }

    /**
     * A condition as {@code --condition} gives it: {@code labels} (the classes taken from
     * {@code labels}, the largest plus one), {@code labels:C}, or {@code columns:N[,N...]}.
     *
     * @throws IllegalArgumentException for another form, or labels of fewer than 2 classes
     */
    public static Condition parse(String text, int[] labels) {
        String[] parts = text.split(":", 2);
        try {
            if (parts[0].equals("labels")) {
                int classes = parts.length == 2 ? Integer.parseInt(parts[1].trim())
                        : Arrays.stream(labels).max().orElse(0) + 1;
                if (parts.length == 1 && classes < 2) {
                    throw new IllegalArgumentException("the data's labels are all " + (classes - 1) + ", so there is no "
                            + "class to condition on (a CSV file names its label column with --label-column)");
                }
                return labels(classes);
            }
            if (parts[0].equals("columns") && parts.length == 2) {
                return columns(Arrays.stream(parts[1].split(",")).map(s -> Integer.parseInt(s.trim())).toList());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition '" + text + "' has a number that is not an integer; expected "
                    + "labels, labels:C or columns:N[,N...]");
        }
        throw new IllegalArgumentException("condition '" + text + "' is not one of labels, labels:C or columns:N[,N...]");
    }
}
