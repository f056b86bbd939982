package org.collapselab.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.collapselab.testing.FiniteDifference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The product an MLP readout's first layer takes from a module ({@code Output.linearInput}, folded for IPNN) against
 * the features times the weight, and its gradients against finite differences.
 */
class LinearInputTest {
    static final int B = 3, F = 4, K = 2, OUT = 3;

    /** ein → module → linearInput·W (W trainable) → ·C summed; "product" and "features" are named for reading. */
    static Graph build(Interaction m, long seed) {
        Graph g = Graph.create(DataType.DOUBLE, seed);
        g.setDropoutEnabled(false);
        Scope set = g.root().child("set", 0);
        int width = m.embeddingWidth(F, K);
        SDVariable ein = g.embeddingInput(set, (long) F * width);
        Interaction.Output out = m.apply(set.child("interaction"), ein, F, K);
        SDVariable w = set.variable("w", Init.uniform(1), m.outputWidth(F, K), OUT);
        SDVariable product = g.sd().identity("product", out.linearInput().times(w));
        g.sd().identity("features", out.features());
        SDVariable proj = set.constant("proj", Init.uniform(1).create(new SplittableRandom(seed), DataType.DOUBLE, B, OUT));
        g.sd().setLossVariables(product.mul(proj).sum().rename("loss"));
        g.feed(ein, Init.uniform(1).create(new SplittableRandom(seed + 1), DataType.DOUBLE, B, (long) F * width));
        g.prepare(Graph.Mode.TRAIN, B);
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.collapselab.interaction.InteractionGradientTest#modules")
    void theProductEqualsTheFeaturesTimesTheWeight(Interaction m) {
        Graph g = build(m, 3);
        Map<String, INDArray> got = g.sd().output(Map.of(), "product", "features");
        INDArray expected = got.get("features").mmul(g.sd().getArrForVarName("set0/w"));
        assertArrayEquals(new long[]{B, OUT}, got.get("product").shape());
        assertTrue(got.get("product").equalsWithEps(expected, 1e-12), m + ": " + got.get("product") + " vs " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.collapselab.interaction.InteractionGradientTest#modules")
    void theProductsGradientsMatchFiniteDifferences(Interaction m) {
        List<String> bad = FiniteDifference.check(build(m, 5).sd(), "loss", 12);
        assertTrue(bad.isEmpty(), m + ": " + bad);
    }
}
