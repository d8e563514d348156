package dev.vae.core.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;

/**
 * Everything that determines what an op computes when executed with an {@code OpContext}: two ops of
 * equal identity compute the same bits. For a custom op, its class, inputs and the iArgs, tArgs,
 * bArgs and dArgs the context carries; for a legacy transform, scalar or reduction op, its class,
 * inputs, extra arguments, scalar and dimensions, which the executioner reads from the op object;
 * and the output data types. Any other op, or one with an argument this cannot compare, has none.
 */
final class OpIdentity {
    private OpIdentity() {
    }

    /** The identity of an op over inputs named {@code sources} (aliases resolved), or null if none. */
    static List<Object> of(DifferentialFunction df, String[] sources, List<DataType> outputTypes) {
        List<Object> key = new ArrayList<>();
        key.add(df.getClass());
        key.add(List.of(sources));
        key.add(outputTypes);
        if (df instanceof DynamicCustomOp custom) {
            if (custom.sArgs() != null && custom.sArgs().length > 0) {
                return null;
            }
            key.add(Arrays.stream(custom.iArgs()).boxed().toList());
            key.add(Arrays.stream(custom.tArgs()).mapToLong(Double::doubleToRawLongBits).boxed().toList());
            key.add(Arrays.toString(custom.bArgs()));
            key.add(custom.dArgs() == null ? List.of() : Arrays.asList(custom.dArgs()));
            return key;
        }
        List<Object> extra = extraArgs(df.getExtraArgs());
        if (extra == null) {
            return null;
        }
        key.add(extra);
        if (df instanceof ScalarOp scalar) {
            INDArray value = scalar.scalar();
            if (value == null || scalar.dimensions() != null) {
                return null;
            }
            key.add(value.dataType());
            key.add(Double.doubleToRawLongBits(value.getDouble(0)));
            return key;
        }
        if (df instanceof ReduceOp reduce) {
            INDArray dimensions = reduce.dimensions();
            key.add(dimensions == null ? "all" : Arrays.toString(dimensions.toLongVector()));
            key.add(reduce.isKeepDims());
            key.add(reduce.isComplexAccumulation());
            return key;
        }
        return df instanceof TransformOp ? key : null;
    }

    /** Extra arguments as comparable values, or null if one is not a number or a boolean. */
    private static List<Object> extraArgs(Object[] args) {
        if (args == null) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        for (Object a : args) {
            values.add(a == null ? null : a.getClass());
            if (a instanceof Double || a instanceof Float) {
                values.add(Double.doubleToRawLongBits(((Number) a).doubleValue()));
            } else if (a instanceof Integer || a instanceof Long || a instanceof Boolean) {
                values.add(a);
            } else {
                return null;
            }
        }
        return values;
    }
}
