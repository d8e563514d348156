package dev.vae.app.cli;

import dev.vae.app.run.AtomicWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The manifold of a model of table rows, as what it is: a CSV table with a row per code of the grid,
 * the code's two coordinates and then the decoded value of each column, in the data's units.
 */
final class ManifoldTable {
    static final String FILE = "manifold.csv";

    private ManifoldTable() {
    }

    /**
     * @param codes the grid's codes, [N, 2]
     * @param decoded their decoded rows, [N, D]
     */
    static void write(Path file, INDArray codes, INDArray decoded) throws IOException {
        StringBuilder table = new StringBuilder("z1,z2");
        for (long c = 0; c < decoded.columns(); c++) {
            table.append(",column_").append(c);
        }
        table.append('\n');
        for (long r = 0; r < codes.rows(); r++) {
            table.append(number(codes.getDouble(r, 0))).append(',').append(number(codes.getDouble(r, 1)));
            for (long c = 0; c < decoded.columns(); c++) {
                table.append(',').append(number(decoded.getDouble(r, c)));
            }
            table.append('\n');
        }
        AtomicWrite.string(file, table.toString());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
