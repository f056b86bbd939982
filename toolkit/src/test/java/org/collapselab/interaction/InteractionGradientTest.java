package org.collapselab.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.collapselab.testing.FiniteDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;

/** Every interaction module's gradients, w.r.t. its parameters and its embedding input, against finite differences. */
class InteractionGradientTest {
    static final int B = 3, F = 3, K = 2;

    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of(new Concat()),
                Arguments.of(InnerProduct.withEmbeddings()),
                Arguments.of(InnerProduct.productsOnlyVariant()),
                Arguments.of(new Nfwfm(0.2)),
                Arguments.of(new Cin(new int[]{2, 3})),
                Arguments.of(new CrossNetV2(2, Optional.empty())),
                Arguments.of(new CrossNetV2(2, Optional.of(0.1))),
                Arguments.of(new TwoStream(new long[]{4, 3}, 0.2)),
                Arguments.of(new Fm()),
                Arguments.of(new Ffm()));
    }

    /** Builds module → features·C (a fixed random projection) (+ regulariser) as a scalar loss, in TRAIN mode. */
    static Graph build(Interaction m, long seed) {
        Graph g = Graph.create(DataType.DOUBLE, seed);
        g.setDropoutEnabled(false);
        Scope set = g.root().child("set", 0);
        int width = m.embeddingWidth(F, K);
        SDVariable ein = g.embeddingInput(set, (long) F * width);
        Interaction.Output out = m.apply(set.child("interaction"), ein, F, K);
        SDVariable proj = set.constant("proj", Init.uniform(1).create(new SplittableRandom(seed), DataType.DOUBLE, B, m.outputWidth(F, K)));
        SDVariable loss = g.sd().identity("features", out.features()).mul(proj).sum();
        if (out.regularizer().isPresent()) loss = loss.add(out.regularizer().get());
        g.sd().setLossVariables(loss.rename("loss"));
        g.feed(ein, Init.uniform(1).create(new SplittableRandom(seed + 1), DataType.DOUBLE, B, (long) F * width));
        g.prepare(Graph.Mode.TRAIN, B);
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void gradientsMatchFiniteDifferences(Interaction m) {
        Graph g = build(m, 7);
        assertArrayEquals(new long[]{B, m.outputWidth(F, K)}, g.sd().output(Map.of(), "features").get("features").shape());
        List<String> bad = FiniteDifference.check(g.sd(), "loss", 12);
        assertTrue(bad.isEmpty(), m + ": " + bad);
    }

    @Test
    void theCheckCatchesAOnePercentGradientError() {
        Graph g = build(CrossNetV2.standard(), 7);
        assertFalse(FiniteDifference.check(g.sd(), "loss", 10, 1.01).isEmpty());
    }

    @Test
    void bilinearFusionGradientsMatchFiniteDifferences() {
        Graph g = Graph.create(DataType.DOUBLE, 5);
        SDVariable ein = g.embeddingInput(g.root(), 6);
        BilinearFusion fusion = BilinearFusion.create(g.root().child("fusion"), 3);
        // W_xy starts at zero; move it off zero so the bilinear term's gradient w.r.t. x and y is exercised
        fusion.bilinearWeight().getArr().assign(Init.uniform(1).create(new SplittableRandom(9), DataType.DOUBLE, 3, 3));
        g.sd().setLossVariables(fusion.apply(ein).mul(g.root().constant("proj", Init.uniform(1).create(new SplittableRandom(4), DataType.DOUBLE, B, 1))).sum().rename("loss"));
        g.feed(ein, Init.uniform(1).create(new SplittableRandom(2), DataType.DOUBLE, B, 6));
        g.prepare(Graph.Mode.TRAIN, B);
        List<String> bad = FiniteDifference.check(g.sd(), "loss", 40);
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void parameterCountMatchesTheVariablesCreated(Interaction m) {
        Graph g = build(m, 3);
        long n = 0;
        for (SDVariable v : g.sd().variables())
            if (v.getVariableType() == VariableType.VARIABLE && v.name().startsWith("set0/interaction/")) n += v.getArr().length();
        assertEquals(m.parameterCount(F, K), n, m.toString());
    }
}
