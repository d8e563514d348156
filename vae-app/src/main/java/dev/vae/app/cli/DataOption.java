package dev.vae.app.cli;

import dev.vae.core.data.DataSplit;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: a folder of MNIST-layout IDX files, or the embedded digits when absent. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]. Default: the embedded 10,000 MNIST digits.")
    Path dir;

    DataSplit load() throws IOException {
        return dir == null ? DataSplit.embedded() : DataSplit.read(dir);
    }

    String describe() {
        return dir == null ? "embedded mnist-10k" : dir.toString();
    }
}
