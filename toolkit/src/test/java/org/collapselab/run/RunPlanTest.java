package org.collapselab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlanTest {
    @Test
    void thePlanCountsStoredRunsAndEstimatesTheRestFromTheCellsRates(@TempDir Path tmp) {
        EncodedDataset data = CtrData.load(RunIdentityTest.GEN.write(tmp.resolve("t.tsv")), RunIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        TrainConfig c = TrainConfig.builder().batchSize(100).maxEpochs(1).patience(3).seed(4).build();
        ModelSpec small = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(3).hidden(6).build();
        RunRequest stored = RunRequest.of(small, c, data);
        RunRequest se4 = RunRequest.of(ModelSpec.of(ModelKind.DCNV2).scale(4, EmbeddingMode.SINGLE), TrainConfig.paper(), data);
        RunRequest regularised = RunRequest.of(ModelSpec.of(ModelKind.DCNV2).toBuilder().crossRegularization(OptionalDouble.of(1e-4)).build(),
                TrainConfig.paper(), data);
        RunStore store = new RunStore(tmp.resolve("runs"));
        store.put(RunTrainer.train(stored, data));
        CellRates rates = new CellRates(Map.of("DCNV2 SE 4", new double[]{1_000, 10_000}), "test rates");

        RunPlan p = RunPlan.of(List.of(stored, se4, regularised, se4), store, r -> data.rows(), rates);
        assertEquals(3, p.runs(), "a request asked twice is one run");
        assertEquals(1, p.stored());
        assertEquals(2, p.toTrain());
        assertEquals(1, p.unestimated(), "the regularised variant is not one of Table 1's cells");
        // the paper's config: patience 3, so at least 4 epochs of 0.8 R training and 0.1 R validation rows, then 0.1 R tested
        int epochs = Math.min(TrainConfig.paper().maxEpochs(), TrainConfig.paper().patience() + 1);
        double r = data.rows();
        assertEquals((epochs * (0.8 * r / 1_000 + 0.1 * r / 10_000) + 0.1 * r / 10_000) / 3600, p.hours(), 1e-12);
        assertTrue(p.toString().startsWith("plan: 3 runs, 1 in the run store, 2 to train: at least "), p.toString());
        assertTrue(p.toString().contains("1 of them (models outside Table 1's cells) not counted") && p.toString().contains("test rates"), p.toString());
        assertEquals("plan: 1 run, 1 in the run store, 0 to train", RunPlan.of(List.of(stored), store, x -> data.rows(), rates).toString());
        // a short plan in minutes, a long one in hours: 45.8 M rows (full Criteo) at these rates is 4 epochs of 10.2 h and a test pass
        assertTrue(p.toString().contains("machine-minute"), p.toString());
        RunPlan full = RunPlan.of(List.of(se4), store, x -> 45_840_617L, rates);
        assertTrue(full.toString().contains(String.format(java.util.Locale.ROOT, "at least %,.1f machine-hours", full.hours())) && full.hours() > 40, full.toString());
    }

    /** A run cut to a few steps per epoch trains those batches only, but still validates and tests every row. */
    @Test
    void aRunOfAFewStepsPerEpochIsEstimatedByItsStepsAndItsFullEvaluations(@TempDir Path tmp) {
        EncodedDataset data = CtrData.load(RunIdentityTest.GEN.write(tmp.resolve("t.tsv")), RunIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        CellRates rates = new CellRates(Map.of("DCNV2 SE 1", new double[]{1_000, 10_000}), "test rates");
        TrainConfig oneStep = TrainConfig.builder().maxEpochs(1).maxStepsPerEpoch(1).build();
        RunRequest r = RunRequest.of(ModelSpec.of(ModelKind.DCNV2), oneStep, data);
        long rows = 45_840_617L;
        double hours = RunPlan.of(List.of(r), new RunStore(tmp.resolve("runs")), x -> rows, rates).hours();
        assertEquals((2048.0 / 1_000 + 0.1 * rows / 10_000 + 0.1 * rows / 10_000) / 3600, hours, 1e-12);
        RunRequest whole = RunRequest.of(ModelSpec.of(ModelKind.DCNV2), oneStep.toBuilder().maxStepsPerEpoch(0).build(), data);
        assertEquals(RunPlan.hours(1, rows, 1_000, 10_000), RunPlan.of(List.of(whole), new RunStore(tmp.resolve("runs")), x -> rows, rates).hours(), 1e-12);
        assertTrue(!r.id().equals(whole.id()), "the step limit is part of a run's identity");
    }
}
