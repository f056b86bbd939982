package org.collapselab.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** IPNN's features against a direct computation: [flattened embeddings, ⟨e_i, e_j⟩ for i &lt; j in row-major pair order]. */
class InnerProductTest {
    static final int B = 3, F = 5, K = 4;

    @Test
    void featuresAreTheEmbeddingsThenTheUpperTrianglesInnerProductsInRowMajorOrder() {
        for (boolean productsOnly : new boolean[]{false, true}) {
            Graph g = Graph.create(DataType.DOUBLE, 1);
            var ein = g.embeddingInput(g.root().child("set", 0), (long) F * K);
            String out = new InnerProduct(productsOnly).apply(g.root().child("ipnn"), ein, F, K).features().name();
            INDArray x = Init.uniform(1).create(new SplittableRandom(9), DataType.DOUBLE, B, (long) F * K);
            g.feed(ein, x);
            g.prepare(Graph.Mode.TRAIN, B);
            INDArray features = g.sd().output(Map.of(), out).get(out);
            int offset = productsOnly ? 0 : F * K;
            assertArrayEquals(new long[]{B, offset + F * (F - 1) / 2}, features.shape());
            for (int b = 0; b < B; b++) {
                for (int c = 0; c < offset; c++) assertEquals(x.getDouble(b, c), features.getDouble(b, c), 0, "embedding " + c);
                int p = offset;
                for (int i = 0; i < F; i++)
                    for (int j = i + 1; j < F; j++) {
                        double dot = 0;
                        for (int k = 0; k < K; k++) dot += x.getDouble(b, i * K + k) * x.getDouble(b, j * K + k);
                        assertEquals(dot, features.getDouble(b, p++), 1e-12, "row " + b + " pair (" + i + ", " + j + ")");
                    }
            }
        }
    }

    /**
     * The skewed Gram the model's first layer multiplies holds every pair's inner product at the position
     * {@code Fields.skewedPositions} names, for odd and even field counts (the layout differs) and Criteo's 39.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "F = {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 39})
    void theSkewedGramHoldsEveryPairsProductWhereItsPositionsSay(int fields) {
        Graph g = Graph.create(DataType.DOUBLE, 1);
        var ein = g.embeddingInput(g.root().child("set", 0), (long) fields * K);
        Scope scope = g.root().child("ipnn");
        String out = Fields.skewedGram(scope, Fields.split(ein, fields, K), fields).name();
        INDArray x = Init.uniform(1).create(new SplittableRandom(fields), DataType.DOUBLE, B, (long) fields * K);
        g.feed(ein, x);
        g.prepare(Graph.Mode.TRAIN, B);
        INDArray skewed = g.sd().output(Map.of(), out).get(out);
        assertArrayEquals(new long[]{B, (long) fields * ((fields + 1) / 2)}, skewed.shape());
        int[] positions = Fields.skewedPositions(fields);
        assertEquals(fields * (fields - 1) / 2, positions.length);
        for (int b = 0; b < B; b++) {
            int p = 0;
            for (int i = 0; i < fields; i++)
                for (int j = i + 1; j < fields; j++) {
                    double dot = 0;
                    for (int k = 0; k < K; k++) dot += x.getDouble(b, i * K + k) * x.getDouble(b, j * K + k);
                    assertEquals(dot, skewed.getDouble(b, positions[p++]), 1e-12, "F = " + fields + ", row " + b + ", pair (" + i + ", " + j + ")");
                }
        }
        assertEquals(positions.length, java.util.Arrays.stream(positions).distinct().count(), "each pair has its own position");
    }

    /**
     * The product the first MLP layer takes (folded through the skewed Gram) equals the features times the weight,
     * and its gradients match finite differences, at odd field counts and Criteo's 39 ({@code LinearInputTest} checks
     * F = 4).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "F = {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 5, 39})
    void theFoldedProductEqualsTheFeaturesTimesTheWeightAtOddFieldCounts(int fields) {
        for (boolean productsOnly : new boolean[]{false, true}) {
            InnerProduct m = new InnerProduct(productsOnly);
            Graph g = Graph.create(DataType.DOUBLE, 2);
            g.setDropoutEnabled(false);
            Scope set = g.root().child("set", 0);
            var ein = g.embeddingInput(set, (long) fields * K);
            Interaction.Output out = m.apply(set.child("interaction"), ein, fields, K);
            var w = set.variable("w", Init.uniform(1), m.outputWidth(fields, K), 3);
            var product = g.sd().identity("product", out.linearInput().times(w));
            g.sd().identity("features", out.features());
            g.sd().setLossVariables(product.mul(product).sum().rename("loss"));
            g.feed(ein, Init.uniform(1).create(new SplittableRandom(fields), DataType.DOUBLE, B, (long) fields * K));
            g.prepare(Graph.Mode.TRAIN, B);
            Map<String, INDArray> got = g.sd().output(Map.of(), "product", "features");
            INDArray expected = got.get("features").mmul(g.sd().getArrForVarName("set0/w"));
            assertTrue(got.get("product").equalsWithEps(expected, 1e-12), "F = " + fields + ", " + m + ": " + got.get("product") + " vs " + expected);
            java.util.List<String> bad = org.collapselab.testing.FiniteDifference.check(g.sd(), "loss", 12);
            assertTrue(bad.isEmpty(), "F = " + fields + ", " + m + ": " + bad);
        }
    }
}
