package dev.vae.core.training;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.MmulBp;

/**
 * One of the two matrix products of libnd4j's {@code matmul_bp}, which computes, for inputs x, y and
 * the gradient eps of the product, with its transpose flags tX, tY, tZ and its alpha and beta:
 * dL/dx = matmul(eps, y) with flags (tZ, !tY, tX), and dL/dy = matmul(x, eps) with flags (!tX, tZ, tY).
 * Running that one product as a {@code matmul} op with the same operands and arguments gives the bits
 * {@code matmul_bp} gives for it.
 */
record MatmulGradient(long[] iArgs, double[] tArgs) {
    private static final int X = 0;
    private static final int Y = 1;
    private static final int EPS = 2;

    /**
     * Which product is needed when nobody reads the other gradient: the indices of its two operands
     * among the op's inputs and the index of its output; null when both are read, or when the op takes
     * a path of {@code matmul_bp} other than two matrix products (a scalar eps, vectors, flags other
     * than 0 and 1).
     */
    static int[] unread(MmulBp bp, INDArray[] args, Set<String> read) {
        if (args.length != 3 || args[EPS].isScalar() || args[X].rank() != 2 || args[Y].rank() != 2
                || args[EPS].rank() != 2 || !flagsAreBooleans(bp.iArgs())) {
            return null;
        }
        String[] outputs = bp.outputVariablesNames();
        boolean dxRead = read.contains(outputs[X]);
        boolean dyRead = read.contains(outputs[Y]);
        if (dxRead == dyRead) {
            return null;
        }
        return dyRead ? new int[] {X, EPS, Y} : new int[] {EPS, Y, X};
    }

    /** The arguments of the {@code matmul} that computes the gradient with respect to input {@code output}. */
    static MatmulGradient of(MmulBp bp, int output) {
        long[] flags = bp.iArgs();
        long tX = flags.length > 0 ? flags[0] : 0;
        long tY = flags.length > 1 ? flags[1] : 0;
        long tZ = flags.length > 2 ? flags[2] : 0;
        double[] t = bp.tArgs();
        double[] alphaBeta = {t.length > 0 ? t[0] : 1.0, t.length > 1 ? t[1] : 0.0};
        long[] iArgs = output == X ? new long[] {tZ, 1 - tY, tX} : new long[] {1 - tX, tZ, tY};
        return new MatmulGradient(iArgs, alphaBeta);
    }

    private static boolean flagsAreBooleans(long[] flags) {
        if (flags.length > 3) {
            return false;
        }
        for (long f : flags) {
            if (f != 0 && f != 1) {
                return false;
            }
        }
        return true;
    }
}
