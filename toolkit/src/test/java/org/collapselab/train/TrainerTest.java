package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.nn.Threads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static EncodedDataset data;

    @BeforeAll
    static void planted(@TempDir Path tmp) {
        SyntheticCriteo gen = new SyntheticCriteo(3_000, new int[]{8}, new int[]{20, 20, 20}, 0.5, 0.05, 2, 0.8, 1.0, 0.3, 4);
        data = CtrData.load(gen.write(tmp.resolve("t.tsv")), gen.format(), PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
    }

    private static ModelSpec spec() {
        return ModelSpec.builder(ModelKind.DCNV2).embeddingSize(4).hidden(16, 8).build().scale(2, EmbeddingMode.MULTI);
    }

    private static TrainConfig.Builder config() {
        return TrainConfig.builder().batchSize(128).learningRate(3e-3).seed(9);
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        List<Double> seen = new ArrayList<>();
        Trainer t = new Trainer(config().maxEpochs(12).patience(2).learningRate(2e-2).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult r, CtrModel m) {
                        seen.add(r.validAuc());
                    }
                });
        Trainer.Trained run = t.train(spec(), data);
        TrainResult r = run.result();
        int argmax = 0;
        for (int i = 1; i < seen.size(); i++) if (seen.get(i) > seen.get(argmax)) argmax = i;
        assertEquals(argmax + 1, r.bestEpoch());
        assertEquals(seen.get(argmax), r.validAuc());
        assertTrue(r.epochs() == 12 || r.epochs() - r.bestEpoch() == 2, "stopped after patience or at max epochs: " + r.historyTable());
        // the model holds the best epoch's weights: evaluating it again gives the best validation AUC
        double again = t.evaluate(run.model(), data, data.split().valid(), "check").auc();
        assertEquals(r.validAuc(), again, 1e-9);
        assertEquals(List.of("epoch", "train loss", "valid AUC", "valid logloss", "seconds"), r.historyTable().columnNames());
    }

    /** A step limit trains that many batches per epoch and still validates and tests on every row of the split. */
    @Test
    void maxStepsPerEpochStopsEachEpochAfterThatManyBatches() {
        List<Integer> perEpoch = new ArrayList<>(List.of(0, 0, 0));
        TrainResult r = new Trainer(config().maxEpochs(3).patience(5).maxStepsPerEpoch(2).build()).listener(new TrainingListener() {
            @Override
            public void onStep(int epoch, long step, double loss) {
                perEpoch.set(epoch - 1, perEpoch.get(epoch - 1) + 1);
            }
        }).train(spec(), data).result();
        assertEquals(List.of(2, 2, 2), perEpoch);
        assertTrue(data.split().train().size() > 2 * 128 * 3, "the limit is below an epoch's batches");
        assertEquals(data.split().test().size(), r.test().rows().length, "the test pass covers every test row");
        assertEquals(data.split().valid().size(), r.validLast().rows().length);
        assertThrows(IllegalArgumentException.class, () -> config().maxStepsPerEpoch(-1).build());
    }

    /** The OpenMP thread count changes a run's last digits, so training runs with the count its configuration names. */
    @Test
    void trainingRunsWithTheConfiguredThreadCountAndResumesOnlyWithIt(@TempDir Path tmp) {
        int before = Threads.current();
        try {
            for (int threads : new int[]{1, 2}) {
                List<Integer> seen = new ArrayList<>();
                new Trainer(config().maxEpochs(1).threads(threads).build()).listener(new TrainingListener() {
                    @Override
                    public void onStep(int epoch, long step, double loss) {
                        seen.add(Threads.current());
                    }
                }).train(spec(), data);
                assertTrue(!seen.isEmpty() && seen.stream().allMatch(t -> t == threads), threads + " threads asked, seen " + seen);
            }
            Path ckpt = tmp.resolve("ckpt");
            new Trainer(config().maxEpochs(1).threads(1).build(), TrainContext.builder().checkpointDir(ckpt).build()).train(spec(), data);
            Exception e = assertThrows(IllegalStateException.class,
                    () -> new Trainer(config().maxEpochs(2).threads(2).build(), TrainContext.builder().checkpointDir(ckpt).build()).train(spec(), data));
            assertTrue(e.getMessage().contains("train.threads (1 → 2)"), e.getMessage());
        } finally {
            Threads.use(before);
        }
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path tmp) {
        TrainConfig full = config().maxEpochs(4).patience(10).build();
        Trainer.Trained straight = new Trainer(full).train(spec(), data);

        Path ckpt = tmp.resolve("ckpt");
        new Trainer(config().maxEpochs(2).patience(10).build(), TrainContext.builder().checkpointDir(ckpt).build()).train(spec(), data);    // "interrupted" after epoch 2
        assertTrue(Files.isRegularFile(ckpt.resolve("state.properties")));
        Trainer.Trained resumed = new Trainer(config().maxEpochs(4).patience(10).build(), TrainContext.builder().checkpointDir(ckpt).build()).train(spec(), data);

        assertEquals(straight.result().history().stream().map(EpochResult::validAuc).toList(),
                resumed.result().history().stream().map(EpochResult::validAuc).toList());
        assertEquals(straight.result().testAuc(), resumed.result().testAuc());
        for (int m = 0; m < 2; m++) assertEquals(straight.model().embeddings().table(m), resumed.model().embeddings().table(m));
        straight.model().graph().stateArrays().forEach((name, a) -> assertEquals(a, resumed.model().graph().stateArrays().get(name), name));
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheStep() {
        Trainer t = new Trainer(config().maxEpochs(3).build());
        CtrModel model = t.newModel(spec(), data.schema());
        // poison one embedding row: the first batch that reads it produces a NaN loss
        var split = data.split();
        int firstRowOfBatch3 = split.train().get(2 * 128);
        int row = data.schema().offset(1) + data.index(firstRowOfBatch3, 1);
        model.embeddings().table(0).getRow(row).assign(Float.NaN);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(model, data, split));
        assertTrue(e.step() <= 3, "found at or before the batch that reads the row: step " + e.step());
        assertTrue(e.getMessage().matches("DCNv2 ME 2×K4: the loss is NaN at step \\d \\(epoch 1, batch \\d of 19\\); try a lower learning rate"), e.getMessage());
    }

    @Test
    void aucIsExactWithTies() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + r.nextInt(200);
            float[] s = new float[n], y = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(7) / 7f;    // many ties
                y[i] = r.nextInt(3) == 0 ? 1 : 0;
            }
            double pairs = 0, wins = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (y[i] == 1 && y[j] == 0) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
            assertEquals(wins / pairs, Metrics.auc(s, y), 1e-12);
        }
        assertEquals(0.5, Metrics.auc(new float[]{0.3f, 0.3f, 0.3f}, new float[]{1, 0, 1}), 0);
        assertTrue(Double.isNaN(Metrics.auc(new float[]{0.1f, 0.2f}, new float[]{1, 1})));
    }

    @Test
    void loglossMatchesTheFormulaAndClips() {
        assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, Metrics.logloss(new float[]{0.8f, 0.4f}, new float[]{1, 0}), 1e-7);
        assertEquals(-Math.log(Metrics.LOGLOSS_EPSILON), Metrics.logloss(new float[]{0f}, new float[]{1}), 1e-9);
        assertEquals("label 1 is 2.0, not 0 or 1", assertThrows(IllegalArgumentException.class,
                () -> Metrics.logloss(new float[]{0.5f, 0.5f}, new float[]{1, 2})).getMessage());
    }

    @Test
    void aModelBuiltWithOtherOptimiserSettingsIsRefused() {
        CtrModel m = CtrModel.build(spec(), data.schema(), 9);    // paper defaults, lr 1e-3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(config().build()).fit(m, data, data.split()));
        assertTrue(e.getMessage().contains("build it with trainer.newModel(spec, schema)"), e.getMessage());
    }

    @Test
    void seedRunsSummariseMeanAndSampleStd() {
        SeedRuns runs = SeedRuns.train(config().maxEpochs(1).build(), spec(), data, 1, 2, 3);
        double[] auc = runs.runs().stream().mapToDouble(TrainResult::testAuc).toArray();
        double mean = (auc[0] + auc[1] + auc[2]) / 3;
        double var = ((auc[0] - mean) * (auc[0] - mean) + (auc[1] - mean) * (auc[1] - mean) + (auc[2] - mean) * (auc[2] - mean)) / 2;
        assertEquals(mean, runs.meanTestAuc(), 1e-12);
        assertEquals(Math.sqrt(var), runs.stdTestAuc(), 1e-12);
        assertArrayEquals(new long[]{1, 2, 3}, runs.runs().stream().mapToLong(TrainResult::seed).toArray());
        assertTrue(runs.stdTestAuc() > 0, "different seeds, different models");
    }

    @Test
    void oneSeedHasNoStdAndPrintsItsMeanAlone() {
        SeedRuns one = SeedRuns.train(config().maxEpochs(1).build(), spec(), data, 4);
        assertTrue(Double.isNaN(one.stdTestAuc()), "one run: no spread measured, not 0");
        String auc = String.format(java.util.Locale.ROOT, "test AUC %.5f,", one.runs().get(0).testAuc());
        assertTrue(one.toString().contains(auc) && !one.toString().contains("±") && one.toString().endsWith("over 1 seed"), one.toString());
        assertEquals(Math.sqrt(0.5), SeedRuns.sampleStd(1, 2), 1e-15, "closed form for two values");
        assertEquals("0.50000 ± 0.01000", SeedRuns.meanStd(0.5, 0.01));
    }
}
