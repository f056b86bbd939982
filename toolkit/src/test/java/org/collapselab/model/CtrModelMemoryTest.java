package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;

/** Evaluation in slices of the training batch. */
class CtrModelMemoryTest {
    static final Schema SCHEMA = ModelGradientTest.SCHEMA;

    @Test
    void aBatchLargerThanTheTrainingBatchIsPredictedInSlicesWithTheSameResult() {
        ModelSpec spec = ModelSpec.builder(ModelKind.NFWFM).embeddingSize(2).hidden(4, 3).build().scale(2, EmbeddingMode.MULTI);
        Batch big = rows(11);
        float[] whole = CtrModel.builder(spec, SCHEMA).seed(3).batchSize(2048).build().predict(big);
        float[] sliced = CtrModel.builder(spec, SCHEMA).seed(3).batchSize(4).build().predict(big);   // 4 + 4 + 3 rows
        assertEquals(11, sliced.length);
        assertArrayEquals(whole, sliced, 1e-6f);
    }

    /** {@code n} rows cycling through every field's values. */
    private static Batch rows(int n) {
        int[] o = SCHEMA.offsets();
        int f = SCHEMA.size();
        int[] idx = new int[n * f];
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) idx[r * f + j] = o[j] + (r + j) % SCHEMA.cardinality(j);
            y[r] = r % 2;
        }
        return new Batch(n, f, idx, y);
    }
}
