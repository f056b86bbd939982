package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainConfigTest {
    @Test
    void settingsThatCannotTrainAreRefusedWhenTheConfigIsBuilt() {
        // old: an infinite rate or decay was accepted and failed later as a diverged loss
        for (double rate : new double[] {Double.POSITIVE_INFINITY, Double.NaN, 0, -1e-3}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().learningRate(rate).build());
            assertEquals("learning rate must be finite and > 0, got " + rate, e.getMessage());
        }
        for (double decay : new double[] {Double.POSITIVE_INFINITY, Double.NaN, -1e-6}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().weightDecay(decay).build());
            assertEquals("weight decay must be finite and >= 0, got " + decay, e.getMessage());
        }
        assertEquals(0, TrainConfig.builder().weightDecay(0).build().weightDecay());
    }

    @Test
    void theContextHoldsWhatTheIdentityDoesNot() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainContext.builder().memoryBudget(0L).build());
        assertTrue(e.getMessage().contains("memory budget must be >= 1 byte"), e.getMessage());
        TrainContext c = TrainContext.builder().memoryBudget(5L).build();
        assertEquals(c, c.toBuilder().build());
        assertTrue(TrainContext.NONE.checkpointDir().isEmpty() && TrainContext.NONE.memoryBudget().isEmpty());
    }

    @Test
    void aSplitWithoutValidationOrTestRowsIsRefusedBeforeTraining() {
        // old: accepted, then training failed on "AUC is undefined ... check the labels"
        var e = assertThrows(IllegalArgumentException.class, () -> new org.collapselab.data.SplitSpec(0, 0.9, 0));
        assertTrue(e.getMessage().contains("training needs validation and test rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new org.collapselab.data.SplitSpec(0, 0.8, 0.2));
        var data = org.collapselab.data.ToyData.generate(30, 30, 3, 1);
        var noValid = org.collapselab.data.Split.of(data.rows(), 0, 0.9, 0);
        Trainer t = new Trainer(TrainConfig.builder().maxEpochs(1).batchSize(64).build());
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(t.newModel(org.collapselab.model.ModelSpec.of(org.collapselab.model.ModelKind.FM), data.schema()),
                data, noValid));
        assertTrue(e.getMessage().startsWith("the split has no validation rows (" + noValid.train().size() + " training, 0 validation, "), e.getMessage());
    }
}
