package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Relu} in both passes against SameDiff's relu op: values and gradients, zeros and ties at 0 included. */
class ReluTest {
    static final double[][] X = {{-2.5, -0.0, 0.0, 1e-300}, {3.0, -1e-300, 0.75, -7.0}};

    @Test
    void valuesAndGradientsAreThoseOfTheReluOp() {
        for (Graph.Mode mode : Graph.Mode.values()) {
            Graph g = Graph.create(DataType.DOUBLE, 1);
            SDVariable x = g.root().variable("x", Init.zeros(), 2, 4);
            x.getArr().assign(Nd4j.createFromArray(X));
            SDVariable c = g.root().constant("c", Nd4j.createFromArray(new double[][]{{1, 2, 3, 4}, {-5, 6, -7, 8}}));
            SDVariable ours = g.build(mode, () -> Relu.apply(g.root(), x)).mul(c).sum().rename("ours");
            SDVariable op = g.sd().nn.relu(x, 0).mul(c).sum().rename("op");
            g.sd().setLossVariables("ours");
            INDArray ourGradient = g.sd().calculateGradients(Map.of(), "x").get("x");
            g.sd().setLossVariables("op");
            INDArray opGradient = g.sd().calculateGradients(Map.of(), "x").get("x");
            assertEquals(g.sd().output(Map.of(), "op").get("op").getDouble(0), g.sd().output(Map.of(), "ours").get("ours").getDouble(0), 0, mode + " value");
            assertEquals(opGradient, ourGradient, mode + " gradient");
            assertEquals(Nd4j.createFromArray(new double[][]{{0, 0, 0, 4}, {-5, 0, -7, 0}}), ourGradient, mode + " gradient by hand");
        }
    }
}
