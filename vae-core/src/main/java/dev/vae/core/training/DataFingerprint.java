package dev.vae.core.training;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The SHA-256 of an array's values in row-major order, to tell whether a run's data changed. */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    public static String of(INDArray values) {
        INDArray dense = values.isView() || values.ordering() != 'c' ? values.dup('c') : values;
        ByteBuffer bytes = dense.data().asNio();
        bytes.limit((int) (dense.length() * dense.dataType().width()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
