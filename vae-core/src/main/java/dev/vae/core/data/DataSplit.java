package dev.vae.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A training set and a test set read from the four standard MNIST IDX files:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz} appended.
 *
 * @param train the images to fit
 * @param test the held-out images for validation and evaluation
 */
public record DataSplit(ImageSet train, ImageSet test) {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final String EMBEDDED = "mnist-10k/";

    /** Checks that neither set is missing. */
    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * The 10,000 MNIST digits that ship inside this module (8,000 training, 2,000 test); see the
     * data folder's README for their provenance and licence.
     */
    public static DataSplit embedded() throws IOException {
        return read(new Source() {
            @Override
            public InputStream open(String name) throws IOException {
                InputStream in = DataSplit.class.getModule().getResourceAsStream(EMBEDDED + name + ".gz");
                if (in == null) {
                    throw new NoSuchFileException("embedded " + EMBEDDED + name + ".gz");
                }
                return in;
            }

            @Override
            public String describe(String name) {
                return "embedded " + EMBEDDED + name + ".gz";
            }
        });
    }

    /**
     * Reads the four files from a folder.
     *
     * @throws NoSuchFileException if the folder or one of the files is missing, naming what is expected
     * @throws IdxFormatException if a file is malformed or the files disagree
     */
    public static DataSplit read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir + " (expected a folder holding the MNIST IDX files)");
        }
        return read(new Source() {
            @Override
            public InputStream open(String name) throws IOException {
                return Files.newInputStream(locate(name));
            }

            @Override
            public String describe(String name) {
                return locate(name).toString();
            }

            private Path locate(String name) {
                Path plain = dir.resolve(name);
                Path gzip = dir.resolve(name + ".gz");
                return Files.exists(plain) || !Files.exists(gzip) ? plain : gzip;
            }
        });
    }

    private static DataSplit read(Source source) throws IOException {
        ImageSet train = readSet(source, TRAIN_IMAGES, TRAIN_LABELS);
        ImageSet test = readSet(source, TEST_IMAGES, TEST_LABELS);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(source.describe(TEST_IMAGES), "images are " + test.rows() + "x" + test.cols()
                    + " pixels; the training images are " + train.rows() + "x" + train.cols());
        }
        return new DataSplit(train, test);
    }

    private static ImageSet readSet(Source source, String imageFile, String labelFile) throws IOException {
        IdxReader.IdxArray images = readFile(source, imageFile, 3);
        IdxReader.IdxArray labels = readFile(source, labelFile, 1);
        if (images.items() != labels.items()) {
            throw new IdxFormatException(source.describe(labelFile), "holds " + labels.items() + " labels but "
                    + source.describe(imageFile) + " holds " + images.items() + " images");
        }
        return ImageSet.of(images, labels);
    }

    private static IdxReader.IdxArray readFile(Source source, String name, int dims) throws IOException {
        String described = source.describe(name);
        try {
            return IdxReader.read(source.open(name), described, dims);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(described + " (expected " + name + " or " + name + ".gz)");
        }
    }

    /** Where the four files come from: a folder, or this module's resources. */
    private interface Source {
        InputStream open(String name) throws IOException;

        String describe(String name);
    }
}
