package org.collapselab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes' measures, computed from a stored run's kept weights, equal the same analyses of an independently
 * trained model, and read back from their cache equal to what was computed (FFM's undefined diagonal included).
 */
class RunMeasuresTest {
    static final TrainConfig CONFIG = TrainConfig.builder().batchSize(100).maxEpochs(1).seed(2).build();
    static EncodedDataset data;

    @BeforeAll
    static void load(@TempDir Path tmp) {
        data = CtrData.load(RunIdentityTest.GEN.write(tmp.resolve("t.tsv")), RunIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
    }

    private static long files(Path dir, String part) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(part)).count();
        }
    }

    @Test
    void subEmbeddingIaOfFfmAndDcnv2MatchesTheModelAndReadsBackFromItsCache(@TempDir Path tmp) throws Exception {
        for (ModelKind kind : List.of(ModelKind.FFM, ModelKind.DCNV2)) {
            ModelSpec spec = ModelSpec.builder(kind).embeddingSize(3).build();
            RunRequest request = RunRequest.of(spec, CONFIG, data);
            RunStore store = new RunStore(tmp);
            RunRecord run = store.put(RunTrainer.train(request, data));
            CtrModel model = new Trainer(CONFIG).train(spec, data).model();    // the same run, trained independently
            SubEmbeddingIA expected = kind == ModelKind.FFM
                    ? SubEmbeddingIA.ffm(model.embeddings().table(0), data.schema(), SpectrumOptions.DEFAULT)
                    : SubEmbeddingIA.dcnv2(model.embeddings().table(0), model.crossWeight(0, 0), data.schema(), SpectrumOptions.DEFAULT);
            SubEmbeddingIA computed = store.measure(run, RunMeasures.SUB_EMBEDDING_IA);
            assertArrayEquals(expected.rawIA(), computed.rawIA(), 1e-9, kind.name());
            for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.ia()[i], computed.ia()[i], 1e-9, kind + " row " + i);
            assertEquals(computed, new RunStore(tmp).measure(run, RunMeasures.SUB_EMBEDDING_IA), kind + ": read back from the cache");
            assertEquals(kind == ModelKind.FFM, Double.isNaN(computed.ia()[0][0]), "FFM's diagonal is undefined, DCNv2's is not");
        }
        assertEquals(2, files(tmp, ".measure.sub-embedding-ia.unit_norm.gram"), "one cache file per run");
    }

    /** A store that keeps no weights has the recipes' measures, equal to a full store's, and refuses any other by name. */
    @Test
    void aStoreKeepingMeasuresOnlyHasTheRecipesMeasuresAndNoWeights(@TempDir Path tmp) throws Exception {
        ModelSpec dcn = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(3).build();
        RunTrainer.Trained trained = RunTrainer.train(RunRequest.of(dcn, CONFIG, data), data);
        RunStore full = new RunStore(tmp.resolve("full")), lean = new RunStore(tmp.resolve("lean"), RunStore.Keep.MEASURES);
        RunRecord a = full.put(trained), b = lean.put(trained);
        assertEquals(0, files(lean.dir(), ".npy"), "no weights kept");
        assertEquals(2, files(full.dir(), ".npy"), "tables and cross layers kept");
        assertEquals(List.of(RunMeasures.FIELD_IA, RunMeasures.SET_IA, RunMeasures.CROSS_NORMS, RunMeasures.SUB_EMBEDDING_IA), RunMeasures.of(dcn));
        assertEquals(4, files(lean.dir(), ".measure."), "each of the recipes' measures cached when the run was put");
        assertEquals(full.measure(a, RunMeasures.FIELD_IA), lean.measure(b, RunMeasures.FIELD_IA));
        assertArrayEquals(full.measure(a, RunMeasures.SET_IA), lean.measure(b, RunMeasures.SET_IA));
        assertEquals(full.measure(a, RunMeasures.SUB_EMBEDDING_IA), lean.measure(b, RunMeasures.SUB_EMBEDDING_IA));
        var e = assertThrows(IllegalStateException.class, () -> lean.measure(b, RunMeasures.fieldIA(SpectrumOptions.RAW)));
        assertTrue(e.getMessage().contains("is missing") && e.getMessage().contains("RunStore.Keep.MEASURES"), e.getMessage());
        long leanBytes, fullBytes;
        try (var l = Files.list(lean.dir()); var f = Files.list(full.dir())) {
            leanBytes = l.mapToLong(p -> p.toFile().length()).sum();
            fullBytes = f.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(leanBytes < fullBytes, leanBytes + " < " + fullBytes);
    }

    @Test
    void fieldAndSetIaReadBackExactlyAndCrossNormsExistForDcnv2Only(@TempDir Path tmp) {
        ModelSpec fm = ModelSpec.builder(ModelKind.FM).embeddingSize(3).build();
        RunStore store = new RunStore(tmp);
        RunRecord run = store.put(RunTrainer.train(RunRequest.of(fm, CONFIG, data), data));
        FieldIA ia = store.measure(run, RunMeasures.FIELD_IA);
        RunStore reopened = new RunStore(tmp);
        assertEquals(ia, reopened.measure(run, RunMeasures.FIELD_IA));
        assertArrayEquals(store.measure(run, RunMeasures.SET_IA), reopened.measure(run, RunMeasures.SET_IA));
        assertArrayEquals(ia.ia(), store.measure(run, RunMeasures.SET_IA)[0], 0, "one set: its IA is the table's");
        FieldIA raw = store.measure(run, RunMeasures.fieldIA(SpectrumOptions.RAW));
        assertEquals(SpectrumOptions.RAW, raw.options());
        assertTrue(RunMeasures.fieldIA(SpectrumOptions.RAW).key().contains("none"), "the options are in the key");
        var e = assertThrows(IllegalArgumentException.class, () -> store.measure(run, RunMeasures.CROSS_NORMS));
        assertTrue(e.getMessage().contains("cross norms exist for DCNv2 only"), e.getMessage());
    }
}
