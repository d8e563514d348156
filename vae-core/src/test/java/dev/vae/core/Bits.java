package dev.vae.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The raw bits of an array's values, so that comparing arrays has no tolerance. */
public final class Bits {
    private Bits() {
    }

    /** Each value's raw bits, in C order: of a double for DOUBLE arrays, of a float otherwise. */
    public static long[] of(INDArray arr) {
        INDArray c = arr.dup('c');
        if (c.dataType() == DataType.DOUBLE) {
            double[] values = c.data().asDouble();
            long[] bits = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                bits[i] = Double.doubleToRawLongBits(values[i]);
            }
            return bits;
        }
        float[] values = c.data().asFloat();
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
