package dev.vae.core.modelfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyArrayTest {

    @Test
    void floatsAreWrittenAsNumpyWritesThem() {
        // The header numpy 2.4 writes for np.save of a (2, 3) float32 array.
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        byte[] npy = NpyArray.write(a);

        String header = new String(npy, 10, npy[8] & 0xFF, StandardCharsets.ISO_8859_1);
        assertThat(Arrays.copyOf(npy, 10)).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0);
        assertThat(header).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(58) + "\n");
        assertThat(npy).hasSize(128 + 6 * 4);
        assertThat(Arrays.copyOfRange(npy, 128, 132)).containsExactly(0, 0, 0x80, 0x3f);
    }

    @Test
    void aFortranOrderOrViewArrayIsWrittenInCOrder() throws NpyArray.Defect {
        INDArray f = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}}).dup('f');
        INDArray view = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}).getColumn(1);

        assertThat(NpyArray.read(NpyArray.write(f), new long[] {3, 2})).isEqualTo(f);
        assertThat(NpyArray.read(NpyArray.write(view), new long[] {2}).toFloatVector()).containsExactly(2, 5);
    }

    @Test
    void readingGivesBackTheArrayAndItsType() throws NpyArray.Defect {
        INDArray floats = Nd4j.createFromArray(1.5f, -2f, 3e-20f);
        INDArray doubles = Nd4j.createFromArray(new double[][] {{Math.PI}, {-1e300}});
        INDArray scalar = Nd4j.scalar(7.0);

        assertThat(NpyArray.read(NpyArray.write(floats), new long[] {3})).isEqualTo(floats);
        INDArray back = NpyArray.read(NpyArray.write(doubles), new long[] {2, 1});
        assertThat(back.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(back).isEqualTo(doubles);
        assertThat(NpyArray.read(NpyArray.write(scalar), new long[0]).getDouble(0)).isEqualTo(7.0);
        assertThat(NpyArray.tuple(new long[0])).isEqualTo("()");
    }

    @Test
    void headersOfNumpyVersionsTwoAndThreeAreRead() throws NpyArray.Defect {
        byte[] v1 = Forgery.npy("<f4", "(2,)", Forgery.floats(1, 2));
        int length = v1[8] & 0xFF;
        for (byte major : new byte[] {2, 3}) {
            byte[] v = new byte[v1.length + 2];
            System.arraycopy(v1, 0, v, 0, 8);
            v[6] = major;
            v[8] = (byte) length;
            System.arraycopy(v1, 10, v, 12, v1.length - 10);
            assertThat(NpyArray.read(v, new long[] {2}).toFloatVector()).containsExactly(1, 2);
        }
    }

    @Test
    void malformedHeadersAreNamed() {
        assertDefect("{'descr': '<f4', 'fortran_order': False}",
                "has a malformed .npy header (expected exactly the keys 'descr', 'fortran_order' and 'shape')");
        assertDefect("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}",
                "has a malformed .npy header (key 'descr' twice)");
        assertDefect("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}",
                "has a malformed .npy header (unexpected text at offset 34)");
        assertDefect("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
                "has a malformed .npy header (a dimension is not an integer of at most 19 digits at offset 51)");
        assertDefect("{'descr': '<f4', 'fortran_order': False, 'shape': 2}",
                "has a malformed .npy header (unexpected text at offset 50)");
        assertDefect("{'descr': True, 'fortran_order': False, 'shape': (2,)}",
                "has a malformed .npy header ('descr' must be a string, 'fortran_order' a boolean and 'shape' a tuple)");
        assertDefect("{'descr': '>f4', 'fortran_order': False, 'shape': (2,)}",
                "has dtype '>f4'; expected '<f4' or '<f8'");
        assertThatThrownBy(() -> NpyArray.read("NUMPY".getBytes(StandardCharsets.US_ASCII), new long[] {2}))
                .hasMessage("is not an .npy array (no \\x93NUMPY magic)");
    }

    @Test
    void aHeaderLongerThanItsFileIsRefused() {
        byte[] npy = Forgery.npy("<f4", "(2,)", new byte[0]);
        npy[8] = (byte) 0xFF;
        npy[9] = (byte) 0xFF;
        assertThatThrownBy(() -> NpyArray.read(npy, new long[] {2}))
                .hasMessage("has an .npy header of 65535 bytes, longer than the 118 it may have");
    }

    private static void assertDefect(String header, String message) {
        String padded = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        byte[] text = padded.getBytes(StandardCharsets.ISO_8859_1);
        byte[] npy = new byte[10 + text.length + 8];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0}, 0, npy, 0, 10);
        System.arraycopy(text, 0, npy, 10, text.length);
        assertThatThrownBy(() -> NpyArray.read(npy, new long[] {2})).isInstanceOf(NpyArray.Defect.class).hasMessage(message);
    }
}
