package org.collapselab.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Split;
import org.collapselab.data.SplitSpec;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.run.RunRequest;
import org.collapselab.train.SeedRuns;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.junit.jupiter.api.Test;

/** Seed repeats that vary the split as well as the model seed: other rows, other runs. */
class SplitRepeatsTest {
    static final ModelSpec FM = ModelSpec.builder(ModelKind.FM).embeddingSize(3).build();

    @Test
    void twoSplitSeedsGiveOtherRunIdsAndTrainOnOtherRows() {
        EncodedDataset d = InteractionCollapseTest.data();
        TrainConfig c = TrainConfig.builder().maxEpochs(1).batchSize(512).build();
        RunRequest one = RunRequest.of(FM, c, 1, true, d), two = RunRequest.of(FM, c, 2, true, d);
        assertEquals(new SplitSpec(2, 0.8, 0.1), two.split(), "the repeat's seed is the split's seed, fractions kept");
        assertNotEquals(one.id(), two.id());
        // without varySplit both repeats share the configuration's split (seed 0): only the model seed differs
        assertEquals(SplitSpec.paper(), RunRequest.of(FM, c, 2, false, d).split());
        assertNotEquals(two.id(), RunRequest.of(FM, c, 2, false, d).id());

        Split s1 = Split.of(d.rows(), 1), s2 = Split.of(d.rows(), 2);
        assertFalse(java.util.Arrays.equals(s1.train().toArray(), s2.train().toArray()), "another seed, other training rows");
        // the repeat trains on its own split's rows: the same losses as fitting that split explicitly, other than the other's
        Trainer t = new Trainer(c.repeat(2, true));
        double[] viaRepeat = SeedRuns.train(c, org.collapselab.train.TrainContext.NONE, FM, d, true, 2).runs().get(0).trainLosses();
        assertArrayEquals(t.fit(t.newModel(FM, d.schema()), d, s2).trainLosses(), viaRepeat, 0);
        assertNotEquals(t.fit(t.newModel(FM, d.schema()), d, s1).trainLosses()[0], viaRepeat[0]);
    }
}
