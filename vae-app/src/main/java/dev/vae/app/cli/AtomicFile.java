package dev.vae.app.cli;

import dev.vae.app.run.AtomicWrite;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a single output file through a temporary file and a rename, so it is never half-written. */
final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * @throws UserError if the file exists without {@code overwrite}
     */
    static void checkWritable(Path file, boolean overwrite) {
        if (Files.exists(file) && !overwrite) {
            throw new UserError("output file " + file + " exists; choose another --output or pass --overwrite");
        }
        if (Files.isDirectory(file)) {
            throw new UserError("output " + file + " is a folder; expected a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new UserError("output folder " + parent + " does not exist");
        }
    }

    static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicWrite.write(file, temp -> ImageIO.write(image, "png", temp.toFile()));
    }
}
