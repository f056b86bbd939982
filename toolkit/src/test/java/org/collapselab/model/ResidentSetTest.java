package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;

/**
 * Regression: IPNN once selected its i&lt;j products by a segment sum over the transposed Gram matrix. Inside a model,
 * SameDiff M2.1 then kept a fresh [F², B] array alive at every step (about 12 MB per set per step at the paper's batch
 * size), so a training epoch would run out of memory; the short benchmark runs did not show it. Once the sessions' array
 * caches are full and the collection schedule has run, more steps must leave the resident set where it was.
 * "Where it was" has a tolerance: {@link GarbageSchedule} lets the resident set grow up to 256 MB before it collects,
 * and freed native memory is not always back with the system when the resident set is read. With 80 steps a quarter
 * of the leak was 249 MB for one set, under that tolerance, and a clone's full suite once read 258 MB of growth without
 * any leak. 160 steps put a quarter of the leak at 498 MB for one set; without a leak the growth was 187–397 MB there
 * (four runs of these steps outside JUnit), and 413–489 MB after 320 steps (two runs): it slows down, where the leak
 * was linear.
 */
class ResidentSetTest {
    static final int FIELDS = 39, BATCH = 1024, WARMUP = 30, STEPS = 160;

    @Test
    void ipnnStepsDoNotGrowTheResidentSet() {
        List<String> names = new ArrayList<>();
        int[] dims = new int[FIELDS];
        for (int f = 0; f < FIELDS; f++) {
            names.add("C" + f);
            dims[f] = 40;
        }
        Schema schema = Schema.categorical(names, dims);
        for (EmbeddingMode mode : EmbeddingMode.values()) {
            ModelSpec spec = ModelSpec.builder(ModelKind.IPNN).embeddingSize(2).hidden(8, 4).build().scale(mode == EmbeddingMode.MULTI ? 2 : 1, mode);
            CtrModel model = CtrModel.builder(spec, schema).seed(3).batchSize(BATCH).build();
            List<Batch> batches = batches(schema, 4);
            // the first steps fill SameDiff's array caches and leave garbage until the model's collection schedule runs
            for (int i = 0; i < WARMUP; i++) {
                model.fit(batches.get(i % 4));
                model.predict(batches.get(i % 4));
            }
            long before = settledPhysicalBytes();
            for (int i = 0; i < STEPS; i++) {
                model.fit(batches.get(i % 4));
                model.predict(batches.get(i % 4));
            }
            long grown = settledPhysicalBytes() - before;
            // the leak kept one [F², B] float array per set and per fit or predict; a quarter of that fails
            long leak = 2L * STEPS * 4L * FIELDS * FIELDS * BATCH * spec.sets();
            assertTrue(grown < leak / 4, spec.label() + ": the resident set grew " + grown / 1e6 + " MB over " + STEPS
                    + " training and inference steps (one Gram matrix per set and call would be " + leak / 1e6 + " MB)");
        }
    }

    private static List<Batch> batches(Schema schema, int count) {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] offsets = schema.offsets();
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            int[] idx = new int[BATCH * FIELDS];
            float[] labels = new float[BATCH];
            for (int row = 0; row < BATCH; row++) {
                for (int f = 0; f < FIELDS; f++) idx[row * FIELDS + f] = offsets[f] + rnd.nextInt(schema.cardinality(f));
                labels[row] = rnd.nextBoolean() ? 1f : 0f;
            }
            out.add(new Batch(BATCH, FIELDS, idx, labels));
        }
        return out;
    }

    private static long settledPhysicalBytes() {
        System.gc();
        System.gc();
        return Pointer.physicalBytes();
    }
}
