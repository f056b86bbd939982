package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** BatchNorm1d folded into the linear layer before it (the EVAL pass) against the two layers computed by hand. */
class BatchNormFoldTest {
    static final int B = 5, IN = 4, OUT = 3;

    static INDArray uniform(long seed, double lo, double hi, long... shape) {
        return Init.uniform(1).create(new SplittableRandom(seed), DataType.DOUBLE, shape).addi(1).muli((hi - lo) / 2).addi(lo);
    }

    @ParameterizedTest(name = "bias {0}")
    @ValueSource(booleans = {true, false})
    void theFoldedLayerEqualsLinearThenRunningStatisticNormalisation(boolean bias) {
        Graph g = Graph.create(DataType.DOUBLE, 3);
        Scope s = g.root().child("mlp");
        SDVariable x = g.embeddingInput(g.root().child("set", 0), IN);
        SDVariable y = g.build(Graph.Mode.EVAL, () -> {
            Linear linear = bias ? Linear.create(s.child("linear"), IN, OUT) : Linear.createNoBias(s.child("linear"), IN, OUT, Init.uniform(1));
            return BatchNorm1d.create(s.child("bn"), OUT).applyAfter(linear, LinearInput.of(x));
        });
        BatchNorm1d bn = BatchNorm1d.create(s.child("bn"), OUT);   // a handle on the same (shared) arrays, built in the TRAIN pass
        INDArray mean = uniform(4, -1, 1, 1, OUT), var = uniform(5, 0.2, 3, 1, OUT);
        bn.runningMean().assign(mean);
        bn.runningVar().assign(var);
        INDArray gamma = bn.gamma().getArr().assign(uniform(6, 0.5, 2, 1, OUT)), beta = bn.beta().getArr().assign(uniform(7, -1, 1, 1, OUT));
        INDArray in = uniform(8, -1, 1, B, IN);
        g.feed(x, in);
        g.prepare(Graph.Mode.EVAL, B);
        INDArray got = g.sd().output(Map.of(), y.name()).get(y.name());

        INDArray z = in.mmul(s.child("linear").get("w").getArr());
        if (bias) z.addiRowVector(s.child("linear").get("b").getArr());
        INDArray expected = z.subRowVector(mean).diviRowVector(Transforms.sqrt(var.add(BatchNorm1d.EPS), true)).muliRowVector(gamma).addiRowVector(beta);
        assertTrue(got.equalsWithEps(expected, 1e-12), got + " vs " + expected);
    }
}
