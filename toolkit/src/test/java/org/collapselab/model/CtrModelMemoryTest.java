package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.interaction.Cin;
import org.collapselab.interaction.Concat;
import org.junit.jupiter.api.Test;

/** Structural properties of the memory estimate, and evaluation in slices of the training batch. */
class CtrModelMemoryTest {
    static final Schema SCHEMA = ModelGradientTest.SCHEMA;

    private static MemoryEstimate estimate(ModelSpec spec, int batch) {
        return CtrModel.builder(spec, SCHEMA).batchSize(batch).build().memory();
    }

    @Test
    void activationsGrowLinearlyInTheBatchAndInTheSets() {
        ModelSpec base = ModelSpec.builder(ModelKind.XDEEPFM).embeddingSize(2).hidden(4, 3).build();
        // these toy models are far below SameDiff's cache limit, so the estimate is exactly linear
        MemoryEstimate b100 = estimate(base, 100), b200 = estimate(base, 200);
        assertEquals(2 * b100.activationBytes(), b200.activationBytes());
        assertEquals(b100.embeddingBytes(), b200.embeddingBytes());
        assertEquals(b100.denseBytes(), b200.denseBytes());

        long a1 = estimate(base.scale(1, EmbeddingMode.MULTI), 100).activationBytes();
        long a2 = estimate(base.scale(2, EmbeddingMode.MULTI), 100).activationBytes();
        long a3 = estimate(base.scale(3, EmbeddingMode.MULTI), 100).activationBytes();
        assertTrue(a2 > a1, a1 + " -> " + a2);
        assertEquals(a2 - a1, a3 - a2, "each set adds the same");
    }

    @Test
    void theArrayPoolAddsAtMostOneMoreStepAndAtMostItsLimit() {
        ModelSpec spec = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(2).hidden(4, 3).build();
        long width = MemoryEstimate.activationFloatsPerRow(spec.kind().interactions(spec).get(0), SCHEMA.size(), 2, 2);
        long step = MemoryEstimate.of(spec, SCHEMA, 0, width, 64, 0).activationBytes();
        assertEquals(2 * step, MemoryEstimate.of(spec, SCHEMA, 0, width, 64, Long.MAX_VALUE).activationBytes());
        assertEquals(step + 1000, MemoryEstimate.of(spec, SCHEMA, 0, width, 64, 1000).activationBytes());
    }

    @Test
    void cinsActivationsGrowWithFieldsSquaredTimesK() {
        Cin cin = Cin.standard();
        for (int f : new int[]{50, 100})
            for (int k : new int[]{10, 20}) {
                // CIN's own part, without the looked-up rows every module pays for
                long own = MemoryEstimate.activationFloatsPerRow(cin, f, k, k) - MemoryEstimate.activationFloatsPerRow(new Concat(), f, k, k);
                long own2k = MemoryEstimate.activationFloatsPerRow(cin, f, 2 * k, 2 * k) - MemoryEstimate.activationFloatsPerRow(new Concat(), f, 2 * k, 2 * k);
                long own2f = MemoryEstimate.activationFloatsPerRow(cin, 2 * f, k, k) - MemoryEstimate.activationFloatsPerRow(new Concat(), 2 * f, k, k);
                assertEquals(2 * own, own2k, "linear in K");
                assertTrue(own2f > 3.5 * own && own2f <= 4 * own, "about quadratic in F: " + own + " -> " + own2f);
                assertEquals(2 * cin.transientFloatsPerRow(f, k), cin.transientFloatsPerRow(f, 2 * k));
                assertTrue(cin.transientFloatsPerRow(2 * f, k) > 3.5 * cin.transientFloatsPerRow(f, k));
            }
        assertEquals(0, new Concat().transientFloatsPerRow(39, 10));
    }

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
