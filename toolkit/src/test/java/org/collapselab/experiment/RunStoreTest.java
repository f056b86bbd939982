package org.collapselab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    static RunRecord trained;

    @BeforeAll
    static void train(@TempDir Path tmp) {
        data = CtrData.load(RunIdentityTest.GEN.write(tmp.resolve("t.tsv")), RunIdentityTest.GEN.format(),
                PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        TrainConfig c = TrainConfig.builder().batchSize(100).maxEpochs(2).patience(5).seed(4).build();
        dcn = RunRequest.of(ModelSpec.builder(ModelKind.DCNV2).embeddingSize(3).hidden(6).build().scale(2, EmbeddingMode.MULTI), c, data);
        fm = RunRequest.of(ModelSpec.builder(ModelKind.FM).embeddingSize(3).build(), c, data);
        trained = RunTrainer.train(dcn, data);
    }

    @Test
    void aRecordHoldsWhatItsTrainingMeasuredAndReadsBackExactly(@TempDir Path tmp) {
        Trainer.Trained again = new Trainer(dcn.config()).train(dcn.spec(), data);    // the same run, trained independently
        assertEquals(again.result().testAuc(), trained.testAuc(), 0);
        assertArrayEquals(again.result().trainLosses(), trained.trainLosses(), 0);
        assertEquals(2, trained.epochs());
        assertArrayEquals(SetPatterns.crossNorms(again.model(), 1, 0)[2], trained.crossNorms(1)[2], 0);
        assertArrayEquals(SetPatterns.setIa(again.model()).get(0).ia(), trained.setIa(0), 0);

        RunStore store = new RunStore(tmp);
        store.put(trained);
        RunRecord back = store.find(dcn.id()).orElseThrow();
        assertEquals(RunRecordCodec.encode(trained), RunRecordCodec.encode(back));
        assertEquals(trained.request(), back.request());
        assertArrayEquals(trained.fieldIA().spectra().get(1).values(), back.fieldIA().spectra().get(1).values(), 0);
        assertArrayEquals(trained.iaPerEpoch()[1], back.iaPerEpoch()[1], 0);
    }

    @Test
    void aSecondPutKeepsTheOneRecordAndADamagedFileIsNotUsed(@TempDir Path tmp) throws Exception {
        RunStore store = new RunStore(tmp);
        store.put(trained);
        Path file = store.file(dcn.id());
        byte[] first = Files.readAllBytes(file);
        store.put(RunRecordCodec.decode(RunRecordCodec.encode(trained)));
        assertArrayEquals(first, Files.readAllBytes(file));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList(), "one file, no temporary left");
        }
        Files.writeString(file, new String(first).replace("result.testAuc=0.", "result.testAuc=0.9"));
        assertFalse(store.contains(dcn.id()), "an edited record is not used");
    }

    @Test
    void theExecutorTrainsWhatIsMissingOnceAndReusesTheRest(@TempDir Path tmp) {
        RunStore store = new RunStore(tmp);
        store.put(trained);
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
        RunRecord other = new RunRecord(dcn.withSeed(5), trained.result(), trained.kept(), trained.iaPerEpoch(), trained.setIa(), trained.crossNorms(), trained.subEmbeddings());
        List<Thread> ts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RunRecord r = i % 2 == 0 ? trained : other;
            Thread t = new Thread(() -> new RunStore(tmp).put(r));
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) t.join();
        assertTrue(store.contains(trained.id()) && store.contains(other.id()));
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.count());
        }
    }
}
