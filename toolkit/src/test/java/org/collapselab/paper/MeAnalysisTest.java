package org.collapselab.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SetPatterns;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.ToyData;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.RunTrainer;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MeAnalysisTest {
    @TempDir
    Path tmp;

    static final EncodedDataset DATA = ToyData.generate(30, 30, 3, 1);
    static final TrainConfig CONFIG = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(128).build();

    private static Trainer.Trained trainMe3() {
        ModelSpec me = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(4).build().scale(3, EmbeddingMode.MULTI);
        return new Trainer(CONFIG).train(me, DATA);
    }

    /** ||W_{i→j}||_F with plain loops over W[jK + a, iK + b]. */
    private static double[][] byLoops(CtrModel model, int set) {
        INDArray w = model.crossWeight(set, 0);
        int f = model.schema().size(), k = model.spec().embeddingSize();
        assertArrayEquals(new long[]{(long) f * k, (long) f * k}, w.shape());
        double[][] n = new double[f][f];
        for (int i = 0; i < f; i++)
            for (int j = 0; j < f; j++) {
                double s = 0;
                for (int a = 0; a < k; a++)
                    for (int b = 0; b < k; b++) {
                        double v = w.getDouble(j * k + a, i * k + b);
                        s += v * v;
                    }
                n[i][j] = Math.sqrt(s);
            }
        return n;
    }

    @Test
    void crossNormHeatmapEqualsLoopsOverTheCrossWeight() {
        CtrModel model = trainMe3().model();
        for (int m = 0; m < 3; m++) {
            double[][] expected = byLoops(model, m), actual = SetPatterns.crossNorms(model.crossWeight(m, 0), model.schema().size(), model.spec().embeddingSize());
            for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], actual[i], 1e-5, "set " + m + " row " + i);
        }
        // not symmetric in general: the orientation matters
        double[][] n = SetPatterns.crossNorms(model.crossWeight(0, 0), model.schema().size(), model.spec().embeddingSize());
        assertTrue(Math.abs(n[0][1] - n[1][0]) > 1e-6 || Math.abs(n[0][2] - n[2][0]) > 1e-6);
    }

    @Test
    void perSetIaOfTheKeptWeightsIsFieldIaOfThatSetsTableAndOfItsSliceOfTheConcatenation() {
        CtrModel model = trainMe3().model();
        org.collapselab.run.KeptWeights kept = org.collapselab.run.KeptWeights.of(model);    // what RunMeasures.SET_IA reads
        List<FieldIA> sets = new java.util.ArrayList<>();
        for (int m = 0; m < kept.sets(); m++) sets.add(FieldIA.of(kept.table(m), kept.schema()));
        assertEquals(3, sets.size());
        INDArray all = model.concatenatedTables();
        int k = model.spec().embeddingSize();
        for (int m = 0; m < 3; m++) {
            assertArrayEquals(FieldIA.of(model.embeddings().table(m), model.schema()).ia(), sets.get(m).ia(), 0);
            INDArray slice = all.get(NDArrayIndex.all(), NDArrayIndex.interval((long) m * k, (long) (m + 1) * k)).dup();
            assertArrayEquals(FieldIA.of(slice, model.schema()).ia(), sets.get(m).ia(), 1e-9);
        }
        assertTrue(Math.abs(sets.get(0).ia()[0] - sets.get(1).ia()[0]) > 1e-9, "independent sets have different tables");
    }

    @Test
    void cachedAnalysisReadsBackWhatWasComputed() {
        Trainer.Trained t = trainMe3();
        ModelSpec spec = t.model().spec();
        MeAnalysis recipe = new MeAnalysis(List.of(1, 3), 0, CONFIG);
        RunRequest request = RunRequest.of(spec, CONFIG, t.model().seed(), DATA);
        RunStore store = new RunStore(tmp);
        store.put(RunTrainer.train(request, DATA));    // the same run as t, trained again: training is deterministic
        MeAnalysis.Result r = recipe.result(DATA, List.of(store.find(request.id()).orElseThrow()), store);
        for (int m = 0; m < 3; m++) {
            assertArrayEquals(FieldIA.of(t.model().embeddings().table(m), t.model().schema()).ia(), r.setIa(spec, m), 1e-12);
            double[][] n = byLoops(t.model(), m), back = r.crossNorms(spec, m);
            for (int i = 0; i < n.length; i++) assertArrayEquals(n[i], back[i], 1e-5);
        }
        assertArrayEquals(FieldIA.of(t.model().concatenatedTables(), DATA.schema()).ia(), r.ia(spec), 1e-12);
        assertEquals(t.result().testAuc(), r.run(spec).testAuc(), 1e-12);
    }

    @Test
    void divergenceIsZeroForIdenticalSetsAndMatchesByHand() {
        double[][] a = {{1, 2}, {3, 4}}, b = {{1, 2}, {3, 4}}, c = {{3, 2}, {3, 4}};
        assertEquals(0, SetPatterns.divergence(List.of(a, b)), 0);
        // only cell (0,0) differs: squared norms 1 and 9, mean 5, population variance 16; averaged over 4 cells
        assertEquals(4.0, SetPatterns.divergence(List.of(a, c)), 1e-12);
        assertEquals(1.0, SetPatterns.meanPatternCorrelation(List.of(a, b)), 1e-12);
    }
}
