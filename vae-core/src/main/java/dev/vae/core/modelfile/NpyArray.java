package dev.vae.core.modelfile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays in NumPy's {@code .npy} format, written and read in Java so that no byte of a file reaches
 * native code before it has been checked: ND4J's own reader trusts the header (an object dtype or a
 * huge shape crashes or exhausts the JVM). Only little-endian float32 and float64 in C order are
 * accepted, which is all a model holds.
 */
public final class NpyArray {
    /** The longest header accepted: version 1.0 cannot declare more, and no honest array needs more. */
    public static final int MAX_HEADER = 10 + 65_535;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    private NpyArray() {
    }

    /** What is wrong with an array's bytes, phrased to follow the array's name. */
    public static final class Defect extends Exception {
        private static final long serialVersionUID = 1L;

        Defect(String message) {
            super(message);
        }
    }

    /** The array as a version 1.0 {@code .npy} file: {@code <f4} or {@code <f8}, C order. */
    public static byte[] write(INDArray array) {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only float and double arrays are saved, got " + type);
        }
        int item = type == DataType.FLOAT ? 4 : 8;
        byte[] header = header(item == 4 ? "<f4" : "<f8", array.shape());
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(header.length + array.length() * item))
                .order(ByteOrder.LITTLE_ENDIAN).put(header);
        INDArray c = array.dup('c');
        if (item == 4) {
            out.asFloatBuffer().put(c.data().asFloat());
        } else {
            out.asDoubleBuffer().put(c.data().asDouble());
        }
        return out.array();
    }

    private static byte[] header(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        String padded = dict + " ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text).array();
    }

    /** A shape as Python writes a tuple: {@code ()}, {@code (3,)}, {@code (3, 4)}. */
    public static String tuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The array an {@code .npy} file holds, if it is exactly an array of {@code expected} shape.
     *
     * @throws Defect naming the first thing that is wrong: magic, version, header, dtype, order,
     *     shape, data length, or a value that is NaN or infinite
     */
    public static INDArray read(byte[] bytes, long[] expected) throws Defect {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        NpyHeader header = NpyHeader.parse(headerText(in));
        int item = itemSize(header.descr());
        if (header.fortranOrder()) {
            throw new Defect("is stored in Fortran order; expected C order");
        }
        if (Arrays.stream(header.shape()).anyMatch(d -> d < 0)) {
            throw new Defect("has shape " + tuple(header.shape()) + ", with a negative dimension");
        }
        if (!Arrays.equals(header.shape(), expected)) {
            throw new Defect("has shape " + tuple(header.shape()) + "; expected " + tuple(expected));
        }
        long count = Arrays.stream(expected).reduce(1, Math::multiplyExact);
        if (in.remaining() != count * item) {
            throw new Defect("holds " + in.remaining() + " bytes of data; shape " + tuple(expected) + " of '"
                    + header.descr() + "' needs " + count * item);
        }
        return item == 4 ? floats(in, (int) count, expected) : doubles(in, (int) count, expected);
    }

    private static String headerText(ByteBuffer in) throws Defect {
        if (in.remaining() < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(in.array(), MAGIC.length), MAGIC)) {
            throw new Defect("is not an .npy array (no \\x93NUMPY magic)");
        }
        in.position(MAGIC.length);
        int major = in.get();
        int minor = in.get();
        long length;
        if (major == 1 && minor == 0) {
            length = Short.toUnsignedInt(in.getShort());
        } else if ((major == 2 || major == 3) && minor == 0 && in.remaining() >= 4) {
            length = Integer.toUnsignedLong(in.getInt());
        } else {
            throw new Defect("has .npy version " + major + "." + minor + "; expected 1.0, 2.0 or 3.0");
        }
        if (length > in.remaining() || length > MAX_HEADER) {
            throw new Defect("has an .npy header of " + length + " bytes, longer than the "
                    + Math.min(in.remaining(), MAX_HEADER) + " it may have");
        }
        byte[] text = new byte[(int) length];
        in.get(text);
        return new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static int itemSize(String descr) throws Defect {
        return switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new Defect("has dtype '" + descr + "'; expected '<f4' or '<f8'");
        };
    }

    private static INDArray floats(ByteBuffer in, int count, long[] shape) throws Defect {
        float[] values = new float[count];
        in.asFloatBuffer().get(values);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new Defect("holds NaN or infinite values");
            }
        }
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }

    private static INDArray doubles(ByteBuffer in, int count, long[] shape) throws Defect {
        double[] values = new double[count];
        in.asDoubleBuffer().get(values);
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new Defect("holds NaN or infinite values");
            }
        }
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }
}
