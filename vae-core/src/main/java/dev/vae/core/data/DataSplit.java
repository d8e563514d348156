package dev.vae.core.data;

import dev.vae.core.logging.QuietNd4j;
import java.io.ByteArrayInputStream;
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
    static {
        // Data may be read before Vae.create(): no ND4J banner for a library's user either way.
        QuietNd4j.apply();
    }

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
        return read((name, dims) -> {
            String described = "embedded " + EMBEDDED + name + ".gz";
            try (InputStream in = DataSplit.class.getModule().getResourceAsStream(EMBEDDED + name + ".gz")) {
                if (in == null) {
                    throw new NoSuchFileException(described);
                }
                byte[] bytes = in.readAllBytes();
                return IdxFile.open(new ByteArrayInputStream(bytes), bytes.length, described, dims);
            }
        }, MemoryBudget.ofJvm());
    }

    /**
     * Reads the four files from a folder. Every file's header is checked against its length, the
     * other files and this JVM's memory before any values are read.
     *
     * @throws NoSuchFileException if the folder or one of the files is missing, naming what is expected
     * @throws FileTypeException if the folder or a file is of another kind, such as a FIFO
     * @throws IdxFormatException if a file is malformed or the files disagree
     * @throws DataTooLargeException if the files declare more values than this JVM can hold
     */
    public static DataSplit read(Path dir) throws IOException {
        return read(dir, MemoryBudget.ofJvm());
    }

    static DataSplit read(Path dir, MemoryBudget memory) throws IOException {
        FileKind.requireFolder(dir, "a folder holding the MNIST IDX files");
        return read((name, dims) -> {
            Path plain = dir.resolve(name);
            Path gzip = dir.resolve(name + ".gz");
            Path file = Files.exists(plain) || !Files.exists(gzip) ? plain : gzip;
            try {
                return IdxFile.open(file, dims);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file + " (expected " + name + " or " + name + ".gz)");
            }
        }, memory);
    }

    private static DataSplit read(Source source, MemoryBudget memory) throws IOException {
        try (IdxFile trainImages = open(source, TRAIN_IMAGES, 3, memory);
             IdxFile trainLabels = open(source, TRAIN_LABELS, 1, memory);
             IdxFile testImages = open(source, TEST_IMAGES, 3, memory);
             IdxFile testLabels = open(source, TEST_LABELS, 1, memory)) {
            checkCounts(trainImages, trainLabels);
            checkCounts(testImages, testLabels);
            checkSizes(trainImages.header(), testImages);
            return new DataSplit(ImageSet.of(trainImages.header(), trainImages.read(), trainLabels.read()),
                    ImageSet.of(testImages.header(), testImages.read(), testLabels.read()));
        }
    }

    private static IdxFile open(Source source, String name, int dims, MemoryBudget memory) throws IOException {
        IdxFile file = source.open(name, dims);
        try {
            memory.claim(file.source(), file.values(), () -> "its header declares " + file.header().shape() + " values");
            return file;
        } catch (DataTooLargeException e) {
            file.close();
            throw e;
        }
    }

    private static void checkCounts(IdxFile images, IdxFile labels) throws IdxFormatException {
        if (images.header().items() != labels.header().items()) {
            throw new IdxFormatException(labels.source(), "holds " + labels.header().items() + " labels but "
                    + images.source() + " holds " + images.header().items() + " images");
        }
    }

    private static void checkSizes(IdxHeader train, IdxFile test) throws IdxFormatException {
        int[] a = train.dims();
        int[] b = test.header().dims();
        if (a[1] != b[1] || a[2] != b[2]) {
            throw new IdxFormatException(test.source(), "images are " + b[1] + "x" + b[2]
                    + " pixels; the training images are " + a[1] + "x" + a[2]);
        }
    }

    /** Where the four files come from: a folder, or this module's resources. */
    private interface Source {
        IdxFile open(String name, int dims) throws IOException;
    }
}
