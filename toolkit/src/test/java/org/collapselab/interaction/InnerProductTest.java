package org.collapselab.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
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
}
