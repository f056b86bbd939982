package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The paper's Appendix B: with a linear interaction (DNN's concatenation) and no non-linearity in the per-set
 * part, an ME model with M sets of K equals an SE model with one set of M·K whose weights are built from the
 * ME weights: the SE table row is the concatenation of the ME rows, and the SE projection stacks the per-set
 * projections divided by M (the mean over sets).
 */
class AppendixBTest {
    static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c"), 4, 3, 5);
    static final int M = 3, K = 2, F = 3;

    @Test
    void multiEmbeddingWithLinearSetProjectionsIsSingleEmbedding() {
        ModelSpec base = ModelSpec.builder(ModelKind.DNN).embeddingSize(K).hidden(5, 4).linearSetProjection(true).build();
        CtrModel me = CtrModel.build(base.scale(M, EmbeddingMode.MULTI), SCHEMA, 11);
        CtrModel se = CtrModel.build(base.scale(M, EmbeddingMode.SINGLE), SCHEMA, 12);
        Batch batch = ModelGradientTest.batch();
        float[] before = se.predict(batch);

        // tables: SE row = [ME set 0 row, set 1 row, set 2 row]
        INDArray seTable = se.embeddings().table(0);
        for (int m = 0; m < M; m++)
            seTable.get(NDArrayIndex.all(), NDArrayIndex.interval(m * K, (m + 1) * K)).assign(me.embeddings().table(m));
        // projection: SE input (field i, set m, dim c) feeds what ME set m's input (field i, dim c) fed, divided by M
        Map<String, INDArray> seArrays = se.graph().stateArrays(), meArrays = me.graph().stateArrays();
        INDArray w = seArrays.get("set0/block0/linear/w"), b = seArrays.get("set0/block0/linear/b");
        b.assign(0);
        for (int m = 0; m < M; m++) {
            INDArray wm = meArrays.get("set" + m + "/block0/linear/w");
            for (int i = 0; i < F; i++)
                for (int c = 0; c < K; c++)
                    w.getRow((long) i * M * K + (long) m * K + c).assign(wm.getRow((long) i * K + c).div(M));
            b.addi(meArrays.get("set" + m + "/block0/linear/b").div(M));
        }
        // the shared head is the same in both
        meArrays.forEach((name, a) -> {
            if (name.startsWith("head/")) seArrays.get(name).assign(a);
        });

        float[] expected = me.predict(batch), actual = se.predict(batch);
        assertArrayEquals(expected, actual, 1e-5f);
        boolean changed = false;
        for (int r = 0; r < before.length; r++) changed |= Math.abs(before[r] - actual[r]) > 1e-3;
        assertTrue(changed, "the construction, not chance, made the outputs equal");
    }
}
