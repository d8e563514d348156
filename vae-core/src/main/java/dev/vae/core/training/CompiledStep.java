package dev.vae.core.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.MmulBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A static op plan of a graph's gradient function for one set of placeholder shapes: the ops that the
 * requested outputs depend on, in an order where each runs after its inputs, each parameterized once
 * with its own {@link OpContext} and outputs allocated once, as SameDiff's {@code InferenceSession}
 * parameterizes them on every call. A run re-binds only the placeholders and executes each op.
 *
 * <p>Only op classes on an allowlist are planned; anything else is refused with an
 * {@link UnsupportedOperationException} naming the op. {@link Identity} is an alias of its input.
 * {@link Rewrite}s drop work whose result is known or unread, leaving every output bitwise identical.
 *
 * <p>A run sets nothing on the graph or its op objects, which the plans of one gradient function
 * share: two plans may run at the same time on two threads.
 *
 * <p>Neither an {@code OpContext} nor a native pointer keeps an array alive, so the plan holds a
 * reference to every array it binds: weights, constants, placeholders of the last run and its own
 * outputs. The arrays {@link #run} returns are the plan's own and are overwritten by the next run.
 */
public final class CompiledStep {
    /**
     * Op classes that are pure functions of their inputs and arguments, with outputs whose shape
     * depends only on input shapes, that write every element of their outputs: exactly those of the
     * gradient functions the lockstep tests compare bit for bit with the session (every plugin
     * combination of GradientTest, in float and double, and the tutorial's model). Add a class only
     * with a lockstep test of a graph that uses it.
     */
    private static final Set<String> ALLOWED = Set.of(
            "org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient",
            "org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D",
            "org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative",
            "org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D",
            "org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2DDerivative",
            "org.nd4j.linalg.api.ops.impl.reduce.Mmul",
            "org.nd4j.linalg.api.ops.impl.reduce.MmulBp",
            "org.nd4j.linalg.api.ops.impl.reduce.bp.MaxBp",
            "org.nd4j.linalg.api.ops.impl.reduce.bp.MeanBp",
            "org.nd4j.linalg.api.ops.impl.reduce.bp.SumBp",
            "org.nd4j.linalg.api.ops.impl.reduce.floating.Mean",
            "org.nd4j.linalg.api.ops.impl.reduce.same.Max",
            "org.nd4j.linalg.api.ops.impl.reduce.same.Sum",
            "org.nd4j.linalg.api.ops.impl.scalar.Pow",
            "org.nd4j.linalg.api.ops.impl.scalar.PowDerivative",
            "org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction",
            "org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction",
            "org.nd4j.linalg.api.ops.impl.shape.ExpandDims",
            "org.nd4j.linalg.api.ops.impl.shape.Reshape",
            "org.nd4j.linalg.api.ops.impl.shape.Shape",
            "org.nd4j.linalg.api.ops.impl.shape.Squeeze",
            "org.nd4j.linalg.api.ops.impl.shape.StridedSlice",
            "org.nd4j.linalg.api.ops.impl.shape.Tile",
            "org.nd4j.linalg.api.ops.impl.shape.ZerosLike",
            "org.nd4j.linalg.api.ops.impl.shape.bp.StridedSliceBp",
            "org.nd4j.linalg.api.ops.impl.shape.bp.TileBp",
            "org.nd4j.linalg.api.ops.impl.transforms.dtype.Cast",
            "org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative",
            "org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative",
            "org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SquaredDifferenceOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.AddBpOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.DivBpOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.MulBpOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.SquaredDifferenceBpOp",
            "org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.bp.SubBpOp",
            "org.nd4j.linalg.api.ops.impl.transforms.same.Abs",
            "org.nd4j.linalg.api.ops.impl.transforms.same.Negative",
            "org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal",
            "org.nd4j.linalg.api.ops.impl.transforms.same.Sign",
            "org.nd4j.linalg.api.ops.impl.transforms.same.Square",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.ATanh",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.Exp",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.Log",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid",
            "org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh");

    private final List<Step> steps = new ArrayList<>();
    /** Every placeholder input of an op, re-bound on each run. */
    private final List<Binding> placeholderInputs = new ArrayList<>();
    /** Every weight or constant input of an op, checked on each run against the graph's current array. */
    private final List<Binding> weightInputs = new ArrayList<>();
    private SameDiff graph;
    /** Shapes and types the placeholders must have. */
    private final Map<String, LongShapeDescriptor> placeholderShapes = new LinkedHashMap<>();
    /** Output name to the variable whose array it is, Identity aliases resolved. */
    private final Map<String, String> outputs = new LinkedHashMap<>();
    /** Every array the plan binds that is not a placeholder: weights, constants and the ops' outputs. */
    private final Map<String, INDArray> held = new HashMap<>();
    /** The placeholder arrays of the last run, held while bound. */
    private Map<String, INDArray> feed = Map.of();

    private record Step(DifferentialFunction op, OpContext context) {
    }

    /** An op's input slot bound to a placeholder or a weight, named {@code placeholder} either way. */
    private record Binding(int step, int input, String placeholder) {
    }

    private final Set<Rewrite> rewrites;
    /** The ReLU gradient's Java kernel, with its working arrays: a plan runs on one thread at a time. */
    private final ReluGradientKernel reluGradient = new ReluGradientKernel();

    /** Changes to the planned graph that leave every output bitwise identical. */
    public enum Rewrite {
        /** An op identical to an earlier one (class, inputs, arguments, output types) reuses its outputs. */
        IDENTICAL_OPS,
        /** A {@code matmul_bp} of which one gradient is read by nobody computes only the other. */
        UNUSED_MATMUL_GRADIENT
    }

    private CompiledStep(Set<Rewrite> rewrites) {
        this.rewrites = Set.copyOf(rewrites);
    }

    /**
     * Plans {@code outputs} of a graph's gradient function for placeholders shaped like {@code feed}.
     *
     * @param gradient the function {@code sd.getFunction("grad")}, created already
     * @throws UnsupportedOperationException naming the op if an op is not on the allowlist or is used in
     *     a way the plan does not support
     */
    public static CompiledStep plan(SameDiff gradient, Map<String, INDArray> feed, List<String> outputs) {
        return plan(gradient, feed, outputs, EnumSet.allOf(Rewrite.class));
    }

    /**
     * Plans as {@link #plan(SameDiff, Map, List)} does, applying only the given rewrites, each of which
     * leaves every output bitwise identical.
     */
    public static CompiledStep plan(SameDiff gradient, Map<String, INDArray> feed, List<String> outputs,
                                    Set<Rewrite> rewrites) {
        CompiledStep plan = new CompiledStep(rewrites);
        plan.build(gradient, feed, outputs);
        return plan;
    }

    private void build(SameDiff sd, Map<String, INDArray> firstFeed, List<String> wanted) {
        graph = sd;
        List<SameDiffOp> order = order(sd, wanted);
        refuseUnlisted(order);
        Set<String> read = new HashSet<>(wanted);
        for (SameDiffOp sdo : order) {
            if (sdo.getInputsToOp() != null) {
                read.addAll(sdo.getInputsToOp());
            }
        }
        Map<String, String> alias = new HashMap<>();
        Map<List<Object>, String[]> computed = new HashMap<>();
        for (SameDiffOp sdo : order) {
            DifferentialFunction df = sdo.getOp();
            String name = df.getOwnName();
            if (!ALLOWED.contains(df.getClass().getName()) && !(df instanceof Identity)) {
                throw new UnsupportedOperationException("op " + name + " of class " + df.getClass().getName()
                        + " is not supported by a compiled step");
            }
            if (sdo.getControlDeps() != null && !sdo.getControlDeps().isEmpty()
                    || sdo.getVarControlDeps() != null && !sdo.getVarControlDeps().isEmpty()) {
                throw new UnsupportedOperationException("op " + name + " has control dependencies");
            }
            String[] argNames = df.argNames() == null ? new String[0] : df.argNames();
            String[] sources = new String[argNames.length];
            INDArray[] args = new INDArray[argNames.length];
            for (int i = 0; i < argNames.length; i++) {
                sources[i] = alias.getOrDefault(argNames[i], argNames[i]);
                args[i] = input(sd, sources[i], firstFeed, name);
            }
            // A requested output keeps an array of its own: a caller may update one in place.
            if (rewrites.contains(Rewrite.IDENTICAL_OPS) && !(df instanceof Identity)
                    && Collections.disjoint(wanted, List.of(df.outputVariablesNames()))) {
                List<Object> key = OpIdentity.of(df, sources, outputTypes(sd, df));
                String[] earlier = key == null ? null : computed.putIfAbsent(key, df.outputVariablesNames());
                if (earlier != null) {
                    String[] outNames = df.outputVariablesNames();
                    for (int i = 0; i < outNames.length; i++) {
                        alias.put(outNames[i], earlier[i]);
                    }
                    continue;
                }
            }
            if (rewrites.contains(Rewrite.UNUSED_MATMUL_GRADIENT) && df instanceof MmulBp bp) {
                int[] kept = MatmulGradient.unread(bp, args, read);
                if (kept != null) {
                    planMatmulGradient(sd, bp, sources, args, kept);
                    continue;
                }
            }
            int at = steps.size();
            if (!(df instanceof Identity)) {
                for (int i = 0; i < args.length; i++) {
                    VariableType kind = sd.getVariable(sources[i]).getVariableType();
                    if (kind == VariableType.VARIABLE || kind == VariableType.CONSTANT) {
                        weightInputs.add(new Binding(at, i, sources[i]));
                    }
                }
            }
            if (df instanceof Identity) {
                if (args.length != 1) {
                    throw new UnsupportedOperationException("op " + name + ": identity of " + args.length + " inputs");
                }
                alias.put(df.outputVariablesNames()[0], sources[0]);
                continue;
            }
            OpContext ctx = Nd4j.getExecutioner().buildContext();
            int index = steps.size();
            if (df instanceof CustomOp) {
                if (!(df instanceof DynamicCustomOp custom)) {
                    throw new UnsupportedOperationException("op " + name + " is a custom op of unplanned kind");
                }
                ctx.setArgs(args, custom.iArgs(), custom.dArgs(), custom.tArgs(), custom.bArgs());
                List<LongShapeDescriptor> shapes = custom.calculateOutputShape(ctx);
                String[] outNames = df.outputVariablesNames();
                if (shapes == null || shapes.size() != outNames.length) {
                    throw new UnsupportedOperationException("op " + name + ": output shapes " + shapes
                            + " for " + outNames.length + " outputs");
                }
                for (int i = 0; i < outNames.length; i++) {
                    ctx.setOutputArray(i, allocate(sd, outNames[i], shapes.get(i)));
                }
                for (int i = 0; i < args.length; i++) {
                    if (isPlaceholder(sd, sources[i])) {
                        placeholderInputs.add(new Binding(index, i, sources[i]));
                    }
                }
            } else if (df instanceof Op op) {
                if (op instanceof ReduceOp && argNames.length == 2) {
                    throw new UnsupportedOperationException("op " + name + " takes its reduction axis as an input");
                }
                if (args.length > 2) {
                    throw new UnsupportedOperationException("op " + name + " is a legacy op of " + args.length + " inputs");
                }
                if (op instanceof ScalarOp && args.length == 2) {
                    // ND4J M2.1's executioner reads a scalar op's scalar from the op object
                    // (op.scalar()), not from the OpContext: binding it would mean setting it on the
                    // graph's own op, which two plans running at once would overwrite for each other.
                    throw new UnsupportedOperationException("op " + name + " is a scalar op taking its scalar as an input");
                }
                if (args.length > 0) {
                    ctx.setInputArray(0, args[0]);
                    if (isPlaceholder(sd, sources[0])) {
                        placeholderInputs.add(new Binding(index, 0, sources[0]));
                    }
                    if (args.length == 2) {
                        ctx.setInputArray(1, args[1]);
                        if (isPlaceholder(sd, sources[1])) {
                            placeholderInputs.add(new Binding(index, 1, sources[1]));
                        }
                    }
                }
                List<LongShapeDescriptor> shapes = df.calculateOutputShape(ctx);
                if (shapes == null || shapes.size() != 1) {
                    throw new UnsupportedOperationException("op " + name + ": output shapes " + shapes);
                }
                String out = df.outputVariablesNames()[0];
                ctx.setOutputArray(0, allocate(sd, out, shapes.get(0)));
            } else {
                throw new UnsupportedOperationException("op " + name + " of class " + df.getClass().getName()
                        + " is neither a custom nor a legacy op");
            }
            Step step = new Step(df, ctx);
            steps.add(step);
            // Run it now, as a session would: a later op's output shape may be computed from this op's
            // values, such as reshape from shape_of.
            exec(step);
        }
        for (String out : wanted) {
            outputs.put(out, alias.getOrDefault(out, out));
        }
        feed = Map.copyOf(firstFeed);
    }

    private static List<DataType> outputTypes(SameDiff sd, DifferentialFunction df) {
        List<DataType> types = new ArrayList<>();
        for (String out : df.outputVariablesNames()) {
            types.add(sd.getVariable(out).dataType());
        }
        return types;
    }

    /**
     * Plans the one matrix product of a {@code matmul_bp} whose other gradient nobody reads, as
     * libnd4j's {@code matmul_bp} computes it, with the same operands, transposes and alpha and beta.
     */
    private void planMatmulGradient(SameDiff sd, MmulBp bp, String[] sources, INDArray[] args, int[] kept) {
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setArgs(args, bp.iArgs(), bp.dArgs(), bp.tArgs(), bp.bArgs());
        List<LongShapeDescriptor> shapes = bp.calculateOutputShape(ctx);
        int output = kept[2];
        MatmulGradient product = MatmulGradient.of(bp, output);
        INDArray[] operands = {args[kept[0]], args[kept[1]]};
        ctx = Nd4j.getExecutioner().buildContext();
        ctx.setArgs(operands, product.iArgs(), new DataType[0], product.tArgs(), new boolean[0]);
        String outName = bp.outputVariablesNames()[output];
        ctx.setOutputArray(0, allocate(sd, outName, shapes.get(output)));
        int index = steps.size();
        for (int i = 0; i < 2; i++) {
            String source = sources[kept[i]];
            VariableType kind = sd.getVariable(source).getVariableType();
            if (kind == VariableType.PLACEHOLDER) {
                placeholderInputs.add(new Binding(index, i, source));
            } else if (kind == VariableType.VARIABLE || kind == VariableType.CONSTANT) {
                weightInputs.add(new Binding(index, i, source));
            }
        }
        Step step = new Step(new Mmul(), ctx);
        steps.add(step);
        exec(step);
    }

    /** Refuses a plan with any op whose class is not on the allowlist, naming the first and every class. */
    private static void refuseUnlisted(List<SameDiffOp> order) {
        Set<String> classes = new java.util.TreeSet<>();
        String first = null;
        for (SameDiffOp sdo : order) {
            DifferentialFunction df = sdo.getOp();
            if (!ALLOWED.contains(df.getClass().getName()) && !(df instanceof Identity)) {
                classes.add(df.getClass().getName());
                if (first == null) {
                    first = df.getOwnName() + " (output " + String.join(", ", sdo.getOutputsOfOp()) + ") of class "
                            + df.getClass().getName();
                }
            }
        }
        if (first != null) {
            throw new UnsupportedOperationException("op " + first
                    + " is not supported by a compiled step; unsupported op classes: " + classes);
        }
    }

    /** The ops {@code wanted} depends on, each after the ops that produce its inputs. */
    private static List<SameDiffOp> order(SameDiff sd, List<String> wanted) {
        Map<String, Variable> variables = sd.getVariables();
        Map<String, SameDiffOp> ops = sd.getOps();
        List<SameDiffOp> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        // Iterative depth-first walk: a frame is an op name and whether its inputs were pushed.
        for (String out : wanted) {
            Variable v = variables.get(out);
            if (v == null) {
                throw new IllegalArgumentException("no variable " + out + " in the gradient function");
            }
            if (v.getOutputOfOp() == null) {
                continue;
            }
            List<Object[]> stack = new ArrayList<>();
            stack.add(new Object[] {v.getOutputOfOp(), Boolean.FALSE});
            while (!stack.isEmpty()) {
                Object[] top = stack.remove(stack.size() - 1);
                String opName = (String) top[0];
                if (done.contains(opName)) {
                    continue;
                }
                SameDiffOp sdo = ops.get(opName);
                if ((Boolean) top[1]) {
                    visiting.remove(opName);
                    done.add(opName);
                    order.add(sdo);
                    continue;
                }
                if (!visiting.add(opName)) {
                    throw new UnsupportedOperationException("op " + opName + " is on a cycle");
                }
                stack.add(new Object[] {opName, Boolean.TRUE});
                List<String> inputs = sdo.getInputsToOp();
                if (inputs != null) {
                    for (int i = inputs.size() - 1; i >= 0; i--) {
                        String producer = variables.get(inputs.get(i)).getOutputOfOp();
                        if (producer != null && !done.contains(producer)) {
                            stack.add(new Object[] {producer, Boolean.FALSE});
                        }
                    }
                }
            }
        }
        return order;
    }

    private static boolean isPlaceholder(SameDiff sd, String name) {
        return sd.getVariable(name).getVariableType() == VariableType.PLACEHOLDER;
    }

    private INDArray input(SameDiff sd, String source, Map<String, INDArray> firstFeed, String opName) {
        SDVariable v = sd.getVariable(source);
        switch (v.getVariableType()) {
            case VARIABLE, CONSTANT -> {
                INDArray arr = v.getArr();
                if (arr == null) {
                    throw new UnsupportedOperationException("op " + opName + ": no array for " + source);
                }
                held.put(source, arr);
                return arr;
            }
            case PLACEHOLDER -> {
                INDArray arr = firstFeed.get(source);
                if (arr == null) {
                    throw new IllegalArgumentException("op " + opName + " needs placeholder " + source);
                }
                if (arr.dataType() != v.dataType()) {
                    throw new IllegalArgumentException("placeholder " + source + " is " + arr.dataType()
                            + "; the graph declares " + v.dataType());
                }
                placeholderShapes.putIfAbsent(source, arr.shapeDescriptor());
                return arr;
            }
            default -> {
                INDArray arr = held.get(source);
                if (arr == null) {
                    throw new UnsupportedOperationException("op " + opName + ": input " + source + " is not planned yet");
                }
                return arr;
            }
        }
    }

    private INDArray allocate(SameDiff sd, String name, LongShapeDescriptor shape) {
        DataType type = sd.getVariable(name).dataType();
        LongShapeDescriptor wanted = shape.dataType() == type ? shape : shape.asDataType(type);
        INDArray arr = wanted.isEmpty() ? Nd4j.create(wanted).detach() : Nd4j.create(wanted);
        held.put(name, arr);
        return arr;
    }

    /** Whether placeholders shaped like {@code batch} fit this plan. */
    public boolean fits(Map<String, INDArray> batch) {
        for (Map.Entry<String, LongShapeDescriptor> e : placeholderShapes.entrySet()) {
            INDArray arr = batch.get(e.getKey());
            if (arr == null || !Arrays.equals(arr.shape(), e.getValue().getShape())
                    || arr.dataType() != e.getValue().dataType()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the plan on a batch.
     *
     * @return the requested outputs by name: the plan's arrays, valid until the next run
     * @throws IllegalArgumentException if a placeholder is missing or of another shape or type
     */
    public Map<String, INDArray> run(Map<String, INDArray> batch) {
        for (Map.Entry<String, LongShapeDescriptor> e : placeholderShapes.entrySet()) {
            INDArray arr = batch.get(e.getKey());
            if (arr == null) {
                throw new IllegalArgumentException("no value for placeholder " + e.getKey());
            }
            if (!Arrays.equals(arr.shape(), e.getValue().getShape()) || arr.dataType() != e.getValue().dataType()) {
                throw new IllegalArgumentException("placeholder " + e.getKey() + " is " + arr.dataType() + " "
                        + Arrays.toString(arr.shape()) + "; the plan was built for " + e.getValue().dataType() + " "
                        + Arrays.toString(e.getValue().getShape()));
            }
        }
        feed = Map.copyOf(batch);
        // A weight whose array object the graph replaced (rather than updated in place) is re-bound.
        Map<String, INDArray> replaced = null;
        for (Binding b : weightInputs) {
            INDArray current = graph.getArrForVarName(b.placeholder());
            if (current == held.get(b.placeholder())
                    && (replaced == null || !replaced.containsKey(b.placeholder()))) {
                continue;
            }
            if (replaced == null) {
                replaced = new HashMap<>();
            }
            replaced.put(b.placeholder(), current);
            steps.get(b.step()).context().setInputArray(b.input(), current);
        }
        if (replaced != null) {
            held.putAll(replaced);
        }
        for (Binding b : placeholderInputs) {
            steps.get(b.step()).context().setInputArray(b.input(), feed.get(b.placeholder()));
        }
        for (Step s : steps) {
            exec(s);
        }
        Map<String, INDArray> result = new LinkedHashMap<>();
        outputs.forEach((name, source) -> {
            INDArray arr = held.get(source);
            result.put(name, arr != null ? arr : feed.get(source));
        });
        return result;
    }

    private void exec(Step s) {
        if (s.op() instanceof ThresholdReluBp relu && reluGradient.tryRun(relu, s.context())) {
            return;
        }
        if (s.op() instanceof CustomOp custom) {
            Nd4j.exec(custom, s.context());
        } else {
            Nd4j.exec((Op) s.op(), s.context());
        }
    }

    /** How many ops of each class (simple name) a run executes, Identity aliases excluded. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Step s : steps) {
            counts.merge(s.op().getClass().getSimpleName(), 1, Integer::sum);
        }
        return counts;
    }

    /** The number of ops a run executes. */
    public int size() {
        return steps.size();
    }


    /**
     * Executes the plan's ops once more on the bindings of the last run, in the same order, timing
     * each. The ops are pure functions of their inputs, so this recomputes the last run's outputs
     * from the arrays bound now.
     *
     * @param clock nanoseconds on some clock, such as the thread's CPU time
     * @return nanoseconds of each executed op, in the order of {@link #stepClasses}
     */
    long[] timeEachOp(LongSupplier clock) {
        long[] nanos = new long[steps.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = clock.getAsLong();
            exec(steps.get(i));
            nanos[i] = clock.getAsLong() - start;
        }
        return nanos;
    }

    /** The class of each executed op, in execution order. */
    List<Class<?>> stepClasses() {
        List<Class<?>> classes = new ArrayList<>(steps.size());
        for (Step s : steps) {
            classes.add(s.op().getClass());
        }
        return classes;
    }
}
