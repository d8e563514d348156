package dev.vae.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vae.api.FlowStep;
import dev.vae.api.ParamValues;
import dev.vae.api.spi.Flow;
import dev.vae.testkit.FlowJacobian;
import dev.vae.testkit.GradientCheck;
import dev.vae.testkit.InputWeights;
import dev.vae.testkit.TestWeights;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IafFlowTest {
    private static final int CONTEXT = 3;

    private static Flow iaf(int length, int hidden) {
        Flow flow = new IafFlow();
        return flow.configure(ParamValues.resolve("iaf", flow.parameters(), Map.of("length", String.valueOf(length),
                "hidden", String.valueOf(hidden), "context", String.valueOf(CONTEXT))));
    }

    @Test
    void theLogDeterminantOfRandomWeightsAndContextsIsThatOfTheNumericalJacobian() {
        for (int length = 1; length <= 3; length++) {
            for (int width : new int[] {1, 2, 4}) {
                Flow flow = iaf(length, 7);
                FlowJacobian check = FlowJacobian.of(flow).codeWidth(width).context(RandomWeights.rows(5, CONTEXT, 7));
                RandomWeights.of(flow, width, 1, 10L * length + width).forEach(check::weight);
                double[] logDets = check.assertLogDeterminants(RandomWeights.rows(5, width, length));
                // Each gate sigma lies in (0, 1).
                assertThat(Arrays.stream(logDets).max().getAsDouble()).as("length %d, width %d", length, width).isNegative();
            }
        }
    }

    @Test
    void oneStepIsLowerTriangularWithEachVariableReadingEveryEarlierOne() {
        Flow flow = iaf(1, 12);
        FlowJacobian check = FlowJacobian.of(flow).codeWidth(4).context(RandomWeights.rows(1, CONTEXT, 2));
        RandomWeights.of(flow, 4, 1, 3).forEach(check::weight);
        for (double[][] jacobian : check.jacobians(RandomWeights.rows(3, 4, 5))) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (j > i) {
                        assertThat(jacobian[i][j]).as("d z'%d / d z%d", i, j).isZero();
                    } else {
                        assertThat(jacobian[i][j]).as("d z'%d / d z%d", i, j).isNotZero();
                    }
                }
            }
        }
    }

    @Test
    void theSecondStepReadsTheVariablesInReverseOrder() {
        // The first step's outputs made constant (their kernels zero): it scales each variable, and the
        // Jacobian has the second step's pattern, upper triangular.
        Flow flow = iaf(2, 12);
        FlowJacobian check = FlowJacobian.of(flow).codeWidth(4).context(RandomWeights.rows(1, CONTEXT, 2));
        RandomWeights.of(flow, 4, 1, 4).forEach(check::weight);
        check.weight("0.m.W", Nd4j.zeros(DataType.DOUBLE, 12, 4)).weight("0.s.W", Nd4j.zeros(DataType.DOUBLE, 12, 4));
        for (double[][] jacobian : check.jacobians(RandomWeights.rows(3, 4, 6))) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (j < i) {
                        assertThat(jacobian[i][j]).as("d z'%d / d z%d", i, j).isZero();
                    } else {
                        assertThat(jacobian[i][j]).as("d z'%d / d z%d", i, j).isNotZero();
                    }
                }
            }
        }
    }

    @Test
    void afterTwoStepsEveryVariableDependsOnEveryOther() {
        Flow flow = iaf(2, 12);
        FlowJacobian check = FlowJacobian.of(flow).codeWidth(3).context(RandomWeights.rows(1, CONTEXT, 2));
        RandomWeights.of(flow, 3, 1, 8).forEach(check::weight);
        for (double[] row : check.jacobians(RandomWeights.rows(1, 3, 1))[0]) {
            assertThat(Arrays.stream(row).map(Math::abs).min().getAsDouble()).isGreaterThan(1e-6);
        }
    }

    @Test
    void withOneLatentVariableTheStepsDependOnTheContextAlone() {
        Flow flow = iaf(2, 5);
        Map<String, INDArray> weights = RandomWeights.of(flow, 1, 1, 9);
        double[][] z = {{0.7}, {0.7}, {-1.2}};
        double[][] contexts = {{0, 0, 0}, {1, -1, 2}, {1, -1, 2}};
        FlowJacobian check = FlowJacobian.of(flow).context(contexts);
        weights.forEach(check::weight);
        double[] logDets = check.assertLogDeterminants(z);
        assertThat(logDets[1]).isEqualTo(logDets[2]).isNotCloseTo(logDets[0], within(1e-3));
        FlowJacobian.of(flow).context(contexts[1]).weight("0.s.b", Nd4j.createFromArray(-1.0)).assertMonotone(-5, 5, 501);
    }

    @Test
    void atZeroCodesAndContextEachStepIsTheForgetGateAlone() {
        // Every bias starts at zero, so the units are tanh(0) = 0 whatever the kernels: s = 0 + 2, m = 0.
        SameDiff sd = SameDiff.create();
        FlowStep step = iaf(3, 8).transform(TestWeights.in(sd, 2), sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, 5)),
                sd.constant(Nd4j.zeros(DataType.DOUBLE, 1, CONTEXT)), 5);
        double logSigmoidTwo = -Math.log1p(Math.exp(-2));
        assertThat(sd.output(Map.of(), step.logDetJacobian().name()).get(step.logDetJacobian().name()).getDouble(0))
                .isCloseTo(3 * 5 * logSigmoidTwo, within(1e-12));
    }

    @Test
    void gradientsOfCodesContextAndEveryWeightMatchCentralDifferences() {
        Flow flow = iaf(2, 4);
        GradientCheck check = GradientCheck.of((sd, in) -> {
            FlowStep step = flow.transform(new InputWeights(sd, in), in.get("z"), in.get("context"), 3);
            return step.z().mul(step.z()).sum(1).add(step.logDetJacobian());
        }).variable("z", Nd4j.createFromArray(RandomWeights.rows(2, 3, 0)))
                .variable("context", Nd4j.createFromArray(RandomWeights.rows(2, CONTEXT, 4)));
        Map<String, INDArray> weights = RandomWeights.of(flow, 3, 0.7, 6);
        weights.forEach(check::variable);
        long count = weights.values().stream().mapToLong(INDArray::length).sum();
        assertThat(check.assertMatchesCentralDifferences()).isEqualTo((int) (2 * 3 + 2 * CONTEXT + count));
    }

    @Test
    void inSinglePrecisionTheLogDeterminantStaysFiniteWhereTheGateSaturates() {
        // s = -200 + 2: sigmoid underflows to 0 in single precision, and its logarithm would be -infinity.
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> inputs = new HashMap<>();
        RandomWeights.of(iaf(1, 3), 2, 1, 1).forEach((name, value) -> inputs.put(name, sd.constant(name,
                value.castTo(DataType.FLOAT).muli(0))));
        inputs.put("0.s.b", sd.constant(Nd4j.createFromArray(-200f, 200f)));
        FlowStep step = iaf(1, 3).transform(new InputWeights(sd, inputs), sd.constant(Nd4j.createFromArray(new float[][] {{1, 2}})),
                sd.constant(Nd4j.createFromArray(new float[][] {{0.5f, -1, 0}})), 2);
        double logDet = sd.output(Map.of(), step.logDetJacobian().name()).get(step.logDetJacobian().name()).getDouble(0);
        assertThat(logDet).isCloseTo(-198, within(1e-4));
    }

    @Test
    void withoutItsContextItRefusesToBuild() {
        SameDiff sd = SameDiff.create();
        assertThatThrownBy(() -> new IafFlow().transform(TestWeights.in(sd, 1), sd.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)), 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flow iaf needs its context");
    }

    @Test
    void eachStepDeclaresItsMadeAndTheContextIsAsWideAsTheParameterSays() {
        SameDiff sd = SameDiff.create();
        TestWeights weights = TestWeights.in(sd, 1);
        Flow flow = new IafFlow();
        assertThat(flow.contextWidth(3)).isEqualTo(16);
        flow.transform(weights, sd.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3)), sd.constant(Nd4j.zeros(DataType.DOUBLE, 2, 16)), 3);
        assertThat(weights.declared()).hasSize(14).containsKeys("0.W", "0.context", "0.b", "0.m.W", "0.m.b", "0.s.W", "1.s.b");
        assertThat(weights.declared().get("1.W")).containsExactly(3, 64);
        assertThat(weights.declared().get("1.context")).containsExactly(16, 64);
        assertThat(weights.declared().get("1.m.W")).containsExactly(64, 3);
        assertThat(weights.declared().get("1.s.b")).containsExactly(3);
    }

    @Test
    void parametersDefaultToTwoStepsOf64UnitsWithAContextOf16() {
        Flow flow = new IafFlow();
        ParamValues values = ParamValues.resolve("iaf", flow.parameters(), Map.of());
        assertThat(values.integer("length")).isEqualTo(2);
        assertThat(values.integer("hidden")).isEqualTo(64);
        assertThat(values.integer("context")).isEqualTo(16);
        assertThatThrownBy(() -> ParamValues.resolve("iaf", flow.parameters(), Map.of("context", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
    }
}
