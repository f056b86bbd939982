package org.collapselab.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.collapselab.analysis.FieldIA;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.Progress;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.run.RunExecutor;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.SequentialExecutor;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.collapselab.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The recipes on a tiny planted problem: shapes, values against independent computations, and the run store. */
class RecipesTest {
    static EncodedDataset data;
    @TempDir
    Path tmp;

    @BeforeAll
    static void planted(@TempDir Path dir) {
        SyntheticCriteo gen = new SyntheticCriteo(2_000, new int[]{8}, new int[]{30, 20, 12}, 0.5, 0.05, 2, 0.8, 1.0, 0.3, 4);
        data = CtrData.load(gen.write(dir.resolve("t.tsv")), gen.format(), PreprocessOptions.builder().cacheDir(dir).minCount(1).build());
    }

    private static TrainConfig config(int epochs) {
        return TrainConfig.builder().batchSize(256).maxEpochs(epochs).patience(epochs).seed(0).build();
    }

    private static final ModelSpec SMALL = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(4).hidden(16).build();

    /** An executor over this test's run store, its trainings seen by the listeners. */
    private RunExecutor executor(TrainingListener... listeners) {
        return new SequentialExecutor(new RunStore(tmp.resolve("runs")), List.of(data), Progress.NONE, List.of(listeners));
    }

    /** Counts trainings: a training's first epoch. */
    static final class Counter implements TrainingListener {
        int trainings;

        @Override
        public void onEpoch(EpochResult r, CtrModel m) {
            if (r.epoch() == 1) trainings++;
        }
    }

    @Test
    void aMeasuredRunRecordsWhatTheModelAndItsEpochsShow() {
        List<double[]> seen = new ArrayList<>();
        TrainingListener mine = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r, CtrModel model) {
                seen.add(FieldIA.of(model.concatenatedTables(), data.schema()).ia());
            }
        };
        ModelSpec me = SMALL.scale(2, EmbeddingMode.MULTI);
        RunRequest request = RunRequest.of(me, config(2), 0, data);
        RunRecord run = new SequentialExecutor(new RunStore(tmp), List.of(data), Progress.NONE, List.of(mine)).obtain(request);
        Trainer.Trained fresh = new Trainer(config(2)).train(me, data);    // the same run, trained independently
        assertEquals(2, run.epochs());
        FieldIA kept = new RunStore(tmp).measure(run, RunMeasures.FIELD_IA);
        assertEquals(8, kept.k(), "ME 2×4 is analysed with both sets side by side");
        assertArrayEquals(FieldIA.of(fresh.model().concatenatedTables(), data.schema()).ia(), kept.ia(), 0);
        assertArrayEquals(seen.get(0), run.ia(1), 0);
        assertArrayEquals(seen.get(1), run.ia(2), 0);
        assertArrayEquals(fresh.result().trainLosses(), run.trainLosses(), 0);
        assertArrayEquals(fresh.result().validAucs(), run.validAucs(), 0);
        assertEquals(fresh.result().testAuc(), run.testAuc(), 0);
        assertEquals(data.schema().names(), run.fields());
        // the record survives the store: same values read back
        RunRecord cached = new RunStore(tmp).find(request.id()).orElseThrow();
        assertArrayEquals(run.iaPerEpoch()[1], cached.iaPerEpoch()[1], 0);
        FieldIA measuredAgain = new RunStore(tmp).measure(cached, RunMeasures.FIELD_IA);    // read from the measure's cache
        assertEquals(kept, measuredAgain);
        assertEquals(run.testAuc(), cached.testAuc(), 1e-12);
    }

    @Test
    void spectraAgainstAnIndependentTrainingAndTheRandomBaseline() {
        ModelSpec spec = SMALL.scale(2, EmbeddingMode.SINGLE);
        SpectraExperiment recipe = new SpectraExperiment(spec, config(1), 0, 7);
        Counter count = new Counter();
        RunExecutor cache = executor(count);
        SpectraExperiment.Result r = recipe.run(data, cache);
        assertEquals(1, count.trainings);
        assertEquals(List.of("field", "cardinality", "learned IA", "random IA"), r.fields().columnNames());
        assertEquals(data.schema().size(), r.fields().rowCount());
        double[] cards = r.fields().numberColumn("cardinality").asDoubleArray();
        for (int i = 1; i < cards.length; i++) assertTrue(cards[i - 1] <= cards[i], "sorted by cardinality");

        Trainer.Trained independent = new Trainer(config(1)).train(spec, data);
        FieldIA learned = FieldIA.of(independent.model().concatenatedTables(), data.schema());
        FieldIA random = FieldIA.randomBaseline(data.schema(), 8, 7);
        for (int i = 0; i < r.fields().rowCount(); i++) {
            String f = r.fields().stringColumn("field").get(i);
            assertEquals(learned.ia(f), r.fields().numberColumn("learned IA").getDouble(i), 1e-9, f);
            assertEquals(random.ia(f), r.fields().numberColumn("random IA").getDouble(i), 1e-9, f);
        }
        assertEquals(Arrays.stream(learned.ia()).average().orElseThrow(), r.meanLearnedIa(), 1e-9);
        int below = 0;
        for (int f = 0; f < learned.size(); f++) if (learned.ia()[f] < random.ia()[f]) below++;
        assertEquals(below, r.fieldsBelowRandom());
        Table summary = r.summary();
        assertEquals(1, summary.rowCount());
        assertEquals(below, summary.numberColumn("fields below random").getDouble(0));
        assertEquals(r.meanRandomIa(), summary.numberColumn("mean IA random").getDouble(0), 0);
        String big = r.largestFields(1).get(0);
        Table s = r.spectra().where(r.spectra().stringColumn("field").isEqualTo(big));
        assertArrayEquals(learned.spectrum(big).normalized(), s.numberColumn("learned").asDoubleArray(), 1e-9);
        assertArrayEquals(learned.spectrum(big).values(), r.fieldIA(true).spectrum(big).values(), 1e-9);

        SpectraExperiment.Result again = recipe.run(data, executor(count));
        assertEquals(1, count.trainings, "the second call reads the store");
        assertEquals(r.fields().print(), again.fields().print());
        assertEquals(org.collapselab.paper.claim.SpectraClaims.learnedFarBelowRandom(learned, random).verdict(), r.learnedFarBelowRandom().verdict());
    }

    @Test
    void evidenceIIIAndIVShareRunsAndMatchIndependentTrainings() {
        Counter count = new Counter();
        RunExecutor cache = executor(count);
        List<Integer> scales = List.of(1, 2);
        EvidenceIII iii = new EvidenceIII(scales, config(1), List.of(0L));
        SizeSweep.Result r = iii.run(data, cache);
        assertEquals(4, count.trainings);
        assertEquals(List.of("variant", "model", "scale", "seed", "epochs", "best epoch", "test AUC", "test logloss", "mean IA"), r.runs().columnNames());
        assertEquals(4, r.runs().rowCount());
        assertEquals(4, r.epochs().rowCount());
        assertEquals(4 * data.schema().size(), r.fields().rowCount());
        assertEquals(List.of(EvidenceIII.DCNV2, EvidenceIII.REGULARISED), r.variants());
        assertEquals(scales, r.scales());
        assertTrue(r.runs().stringColumn("model").get(3).endsWith("reg"), r.runs().stringColumn("model").get(3));

        ModelSpec reg2 = ModelSpec.of(ModelKind.DCNV2).toBuilder().regularizedCross().build().scale(2, EmbeddingMode.SINGLE);
        Trainer.Trained t = new Trainer(config(1)).train(reg2, data);
        assertEquals(t.result().testAuc(), r.mean("test AUC", EvidenceIII.REGULARISED, 2), 1e-9);
        assertEquals(Arrays.stream(FieldIA.of(t.model().concatenatedTables(), data.schema()).ia()).average().orElseThrow(),
                r.mean("mean IA", EvidenceIII.REGULARISED, 2), 1e-9);
        assertArrayEquals(t.result().trainLosses(), r.perEpoch("train loss", EvidenceIII.REGULARISED, 2, 0), 1e-9);
        assertEquals(2, r.series("test AUC").size());
        assertArrayEquals(new double[]{1, 2}, r.series("test AUC").get(0).x(), 0);

        iii.run(data, executor(count));
        assertEquals(4, count.trainings, "the second call reads the store");
        SizeSweep.Result iv = new EvidenceIV(scales, config(1), List.of(0L)).run(data, executor(count));
        assertEquals(6, count.trainings, "Evidence IV trains only DNN: its DCNv2 runs are Evidence III's");
        assertEquals(r.mean("test AUC", EvidenceIII.DCNV2, 2), iv.mean("test AUC", EvidenceIV.DCNV2, 2), 1e-12);
        // the recipes' claims are the library's on the recipe's own numbers
        assertEquals(org.collapselab.paper.claim.EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, new double[][] {fieldIa(r, EvidenceIII.DCNV2, 1)},
                2, new double[][] {fieldIa(r, EvidenceIII.DCNV2, 2)}), Map.of(1, new double[][] {fieldIa(r, EvidenceIII.REGULARISED, 1)},
                2, new double[][] {fieldIa(r, EvidenceIII.REGULARISED, 2)})), EvidenceIII.regularisationRaisesIa(r));
        assertEquals(r.runs().doubleColumn("test AUC").get(3), r.testPredictions(EvidenceIII.REGULARISED).get(2).get(0).auc(), 1e-12,
                "the predictions kept are the ones the test AUC scores");
        assertEquals(org.collapselab.paper.claim.EvidenceIVClaims.dnnDropsWhileDcnv2Holds(iv.testPredictions(EvidenceIV.DNN),
                iv.testPredictions(EvidenceIV.DCNV2)), EvidenceIV.dnnDropsWhileDcnv2Holds(iv));
        // the result carries each recipe's own claims, in the paper's order; a plain sweep judges none
        assertEquals(List.of(EvidenceIII.regularisationRaisesIa(r), EvidenceIII.aucDoesNotImproveWithSize(r), EvidenceIII.regularisedModelOverfits(r, 0)),
                r.claims());
        assertEquals(List.of(EvidenceIV.dnnHasHigherIa(iv), EvidenceIV.dnnDropsWhileDcnv2Holds(iv)), iv.claims());
        assertEquals(List.of(), iii.sweep().run(data, executor(count)).claims());
        assertEquals(r.runs(), r.table());
    }

    /** IA per field of one run, from the sweep's field table (not from the runs the claims read). */
    private static double[] fieldIa(SizeSweep.Result r, String variant, int scale) {
        Table f = r.fields();
        return f.where(f.stringColumn("variant").isEqualTo(variant).and(f.intColumn("scale").isEqualTo(scale))).doubleColumn("IA").asDoubleArray();
    }

    @Test
    void collapseDynamicsTracksIaEveryEpochAsAListenerSeesIt() {
        Map<String, List<double[]>> seen = new HashMap<>();
        TrainingListener mine = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r, CtrModel model) {
                seen.computeIfAbsent(model.spec().mode().name(), x -> new ArrayList<>()).add(FieldIA.of(model.concatenatedTables(), data.schema()).ia());
            }
        };
        CollapseDynamics recipe = new CollapseDynamics(SMALL, 2, config(2), 0);
        Counter count = new Counter();
        CollapseDynamics.Result r = recipe.run(data, executor(mine, count));
        assertEquals(2, count.trainings);
        assertEquals(List.of("variant", "model", "epoch", "field", "cardinality", "IA"), r.fields().columnNames());
        assertEquals(2 * 2 * data.schema().size(), r.fields().rowCount());
        assertEquals(4, r.epochs().rowCount());
        assertEquals(data.schema().names(), r.fieldNames());
        for (String v : List.of("SE", "ME")) {
            List<double[]> mine0 = seen.get(v.equals("SE") ? "SINGLE" : "MULTI");
            double[][] ia = r.iaPerEpoch(v);
            assertEquals(2, ia.length);
            assertArrayEquals(mine0.get(0), ia[0], 1e-12, v + " epoch 1");
            assertArrayEquals(mine0.get(1), ia[1], 1e-12, v + " epoch 2");
            assertEquals(Arrays.stream(mine0.get(0)).average().orElseThrow(), r.perEpoch("mean IA", v)[0], 1e-12);
        }
        recipe.run(data, executor(count));
        assertEquals(2, count.trainings, "the second call reads the store");
        assertThrows(IllegalArgumentException.class, () -> new CollapseDynamics(SMALL, 1, config(1), 0));
    }
}
