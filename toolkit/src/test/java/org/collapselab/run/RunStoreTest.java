package org.collapselab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SetPatterns;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    static EncodedDataset data;
    static RunRequest dcn, fm;
    static RunTrainer.Trained run;
    static RunRecord trained;

    @BeforeAll
    static void train(@TempDir Path tmp) {
        data = CtrData.load(RunIdentityTest.GEN.write(tmp.resolve("t.tsv")), RunIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        TrainConfig c = TrainConfig.builder().batchSize(100).maxEpochs(2).patience(5).seed(4).build();
        dcn = RunRequest.of(ModelSpec.builder(ModelKind.DCNV2).embeddingSize(3).hidden(6).build().scale(2, EmbeddingMode.MULTI), c, data);
        fm = RunRequest.of(ModelSpec.builder(ModelKind.FM).embeddingSize(3).build(), c, data);
        run = RunTrainer.train(dcn, data);
        trained = run.record();
    }

    @Test
    void aRecordHoldsWhatItsTrainingMeasuredAndReadsBackExactly(@TempDir Path tmp) {
        Trainer.Trained again = new Trainer(dcn.config()).train(dcn.spec(), data);    // the same run, trained independently
        assertEquals(again.result().testAuc(), trained.testAuc(), 0);
        assertArrayEquals(again.result().trainLosses(), trained.trainLosses(), 0);
        assertEquals(2, trained.epochs());

        RunStore store = new RunStore(tmp);
        store.put(run);
        // the measures of the stored weights are those of the model trained independently
        assertArrayEquals(SetPatterns.crossNorms(again.model().crossWeight(1, 0), again.model().schema().size(), again.model().spec().embeddingSize())[2], store.measure(trained, RunMeasures.CROSS_NORMS).get(1)[2], 0);
        assertArrayEquals(FieldIA.of(again.model().embeddings().table(0), again.model().schema()).ia(), store.measure(trained, RunMeasures.SET_IA)[0], 0);
        assertEquals(org.collapselab.analysis.FieldIA.of(again.model().concatenatedTables(), data.schema()), store.measure(trained, RunMeasures.FIELD_IA));
        RunRecord back = store.find(dcn.id()).orElseThrow();
        assertEquals(trained.result().test(), back.result().test(), "the test predictions read back exactly");
        assertEquals(again.result().testAuc(), back.result().test().auc(), 0);
        assertEquals(RunRecordCodec.encode(trained), RunRecordCodec.encode(back));
        assertEquals(trained.request(), back.request());
        assertArrayEquals(trained.iaPerEpoch()[1], back.iaPerEpoch()[1], 0);
    }

    @Test
    void aSecondPutKeepsTheOneRecordAndADamagedFileIsNotUsed(@TempDir Path tmp) throws Exception {
        RunStore store = new RunStore(tmp);
        store.put(run);
        Path file = store.file(dcn.id());
        byte[] first = Files.readAllBytes(file);
        store.put(new RunTrainer.Trained(RunRecordCodec.decode(RunRecordCodec.encode(trained)), run.weights()));
        assertArrayEquals(first, Files.readAllBytes(file));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(file.getFileName().toString(), dcn.id() + ".cross.npy", dcn.id() + ".tables.npy"),
                    s.map(f -> f.getFileName().toString()).sorted(java.util.Comparator.comparing((String n) -> !n.endsWith(".run")).thenComparing(n -> n)).toList(),
                    "the record and its weights, no temporary left");
        }
        Files.writeString(file, new String(first).replace("result.testAuc=0.", "result.testAuc=0.9"));
        assertFalse(store.contains(dcn.id()), "an edited record is not used");
    }

    @Test
    void theExecutorTrainsWhatIsMissingOnceAndReusesTheRest(@TempDir Path tmp) {
        RunStore store = new RunStore(tmp);
        store.put(run);
        SequentialExecutor ex = new SequentialExecutor(store, data);
        List<RunRecord> got = ex.obtain(List.of(fm, dcn, fm));
        assertEquals(List.of(fm.id(), dcn.id(), fm.id()), got.stream().map(RunRecord::id).toList(), "request order");
        assertEquals(1, ex.trained());
        assertEquals(1, ex.reused());
        assertTrue(store.contains(fm.id()));
        // another executor (a later notebook) reads both back
        SequentialExecutor later = new SequentialExecutor(store, data);
        later.obtain(List.of(dcn, fm));
        assertEquals(0, later.trained());
        assertEquals(2, later.reused());
    }

    @Test
    void threadsPuttingTheSameAndOtherRunsLeaveOneVerifiedRecordEach(@TempDir Path tmp) throws Exception {
        RunStore store = new RunStore(tmp);
        RunRecord other = new RunRecord(dcn.withSeed(5), trained.result(), trained.schema(), trained.iaPerEpoch(), trained.weights());
        List<Thread> ts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RunTrainer.Trained r = i % 2 == 0 ? run : new RunTrainer.Trained(other, run.weights());
            Thread t = new Thread(() -> new RunStore(tmp).put(r));
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) t.join();
        assertTrue(store.contains(trained.id()) && store.contains(other.id()));
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.filter(f -> f.toString().endsWith(".run")).count());
        }
    }

    /** A measure no record holds: the squared Frobenius norm of each set's table, counting its computations. */
    static final class SquaredNorms implements Measure<double[]> {
        int computed;

        @Override
        public String key() {
            return "squared-norm-per-set";
        }

        @Override
        public double[] compute(RunRecord r, KeptWeights w) {
            computed++;
            double[] out = new double[w.sets()];
            for (int m = 0; m < out.length; m++) out[m] = w.table(m).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).norm2Number().doubleValue();
            for (int m = 0; m < out.length; m++) out[m] *= out[m];
            return out;
        }

        @Override
        public String encode(double[] v) {
            return java.util.Arrays.toString(v);
        }

        @Override
        public double[] decode(String text) {
            String t = text.strip();
            return java.util.Arrays.stream(t.substring(1, t.length() - 1).split(", ")).mapToDouble(Double::parseDouble).toArray();
        }
    }

    @Test
    void aNewMeasureOfAStoredRunIsComputedFromItsKeptWeightsWithoutTraining(@TempDir Path tmp) {
        new RunStore(tmp).put(run);
        // a later session: a fresh store over the folder and an executor that would train what is missing
        RunStore store = new RunStore(tmp);
        int[] epochs = {0};
        SequentialExecutor ex = new SequentialExecutor(store, List.of(data), org.collapselab.data.Progress.NONE, List.of(new org.collapselab.train.TrainingListener() {
            @Override
            public void onEpoch(org.collapselab.train.EpochResult r, org.collapselab.model.CtrModel model) {
                epochs[0]++;
            }
        }));
        RunRecord back = ex.obtain(dcn);
        SquaredNorms measure = new SquaredNorms();
        double[] norms = store.measure(back, measure);
        double[] again = store.measure(back, measure);
        assertEquals(0, ex.trained());
        assertEquals(0, epochs[0], "nothing was trained");
        assertEquals(1, measure.computed, "the second call reads the cache");
        assertArrayEquals(norms, again, 0);
        // the kept weights are the restored best epoch's: the same tables the record's IA was measured on, and the
        // norm agrees with one computed independently from those tables
        KeptWeights w = store.weights(back);
        assertEquals(run.weights(), w);
        assertArrayEquals(trained.ia(trained.bestEpoch()), org.collapselab.analysis.FieldIA.of(w.concatenatedTables(), w.schema()).ia(), 0);
        double sq = 0;
        float[] t = w.tables();
        for (int r = 0; r < w.rows(); r++) for (int c = 0; c < w.k(); c++) sq += Math.pow(t[r * w.width() + w.k() + c], 2);    // set 1's columns
        assertEquals(sq, norms[1], 1e-9 * sq);
        assertArrayEquals(store.measure(back, RunMeasures.CROSS_NORMS).get(1)[2], SetPatterns.crossNorms(w.crossWeight(1), w.schema().size(), w.k())[2], 0);
    }

    @Test
    void weightsThatAreNotTheRunsOwnAreRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        RunStore store = new RunStore(tmp);
        KeptWeights w = run.weights();
        float[] other = w.tables();
        other[0] += 1;
        var put = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.put(new RunTrainer.Trained(trained, new KeptWeights(w.schema(), w.sets(), w.k(), w.width(), other, w.cross()))));
        assertTrue(put.getMessage().endsWith("the weights given are not the ones its record names"), put.getMessage());
        assertFalse(store.contains(dcn.id()), "nothing stored");
        store.put(run);
        Path tables = tmp.resolve(dcn.id() + ".tables.npy");
        byte[] b = Files.readAllBytes(tables);
        b[b.length - 1] ^= 1;
        Files.write(tables, b);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> store.weights(trained));
        assertTrue(e.getMessage().startsWith(tables + " is not the kept weights of run ") && e.getMessage().contains("another run's"), e.getMessage());
        Files.delete(tables);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> store.measure(trained, new SquaredNorms()));
        assertTrue(e.getMessage().startsWith(tables + " is missing"), e.getMessage());
    }

    @Test
    void aRecordOfTheOlderFormatIsNotUsed(@TempDir Path tmp) {
        RunStore store = new RunStore(tmp);
        store.put(run);
        String body = org.collapselab.io.SealedText.read(store.file(dcn.id()));
        String current = "format=" + RunRecordCodec.FORMAT + "\n";
        assertTrue(body.contains(current), body);
        org.collapselab.io.SealedText.write(store.file(dcn.id()), body.replace(current, "format=2\n"));
        assertFalse(store.contains(dcn.id()), "a record of format 2 (measures inside the record) is trained again");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RunRecordCodec.decode(body.replace(current, "")));
        assertTrue(e.getMessage().contains("format 1, this toolkit reads format " + RunRecordCodec.FORMAT), e.getMessage());
    }

    @Test
    void runsOfOneExecutorCheckpointIntoAFolderEachNamedByTheirId(@TempDir Path tmp) {
        Path root = tmp.resolve("ckpt");
        SequentialExecutor ex = new SequentialExecutor(new RunStore(tmp.resolve("runs")), List.of(data),
                org.collapselab.train.TrainContext.builder().checkpointDir(root).build(), List.of());
        RunRequest seed5 = dcn.withSeed(5);
        // old: one folder for the sweep, so the second seed found the first's checkpoint and was refused
        List<RunRecord> got = ex.obtain(List.of(fm, seed5));
        assertEquals(2, ex.trained());
        assertTrue(Files.isDirectory(root.resolve(fm.id())) && Files.isDirectory(root.resolve(seed5.id())), "a folder per run");
        assertEquals(2, got.get(1).epochs());
    }

    @Test
    void anExecutorRefusesAStoreItCannotWriteBeforeTrainingAnything(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("runs"), "not a folder");
        // old: the run trained, then put failed with a bare FileAlreadyExistsException and the training was lost
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SequentialExecutor(new RunStore(file), data));
        assertEquals("the run store " + file + " is a file, not a folder: give a folder for the runs", e.getMessage());
        Path nested = tmp.resolve("a/b/runs");
        new SequentialExecutor(new RunStore(nested), data);
        assertTrue(Files.isDirectory(nested), "a missing folder is made");
        try (var s = Files.list(nested)) {
            assertEquals(0, s.count(), "the check leaves nothing behind");
        }
    }
}
