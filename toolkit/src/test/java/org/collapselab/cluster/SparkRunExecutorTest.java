package org.collapselab.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.model.ModelTooLargeException;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.RunTrainer;
import org.collapselab.run.SequentialExecutor;
import org.collapselab.train.TrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local mode (executors are threads of this JVM), on a small grid over a small Criteo-shaped dataset. */
class SparkRunExecutorTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static EncodedDataset data;
    private static List<RunRequest> grid;

    // Faults planted by the trainers below; static, as local-mode tasks run in this JVM on deserialised copies
    private static final AtomicInteger FAULTS = new AtomicInteger();

    @BeforeAll
    static void smokeGrid() {
        SyntheticCriteo gen = SyntheticCriteo.criteoShaped(3_000, 0.002, 7);
        Path file = shared.resolve("criteo-like.tsv");
        gen.write(file);
        // the driver builds the dataset cache once; the tasks reopen it from there
        data = CtrData.load(file, gen.format(), PreprocessOptions.builder().cacheDir(shared.resolve("cache")).build());
        TrainConfig config = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(512).build();
        ModelSpec dnn = ModelSpec.builder(ModelKind.DNN).embeddingSize(4).hidden(16).build();
        ModelSpec dcn = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(4).hidden(16).build();
        grid = List.of(RunRequest.of(dnn, config, data), RunRequest.of(dnn.scale(2, EmbeddingMode.MULTI), config, data),
                RunRequest.of(dcn, config, data), RunRequest.of(dcn, config, data).withSeed(1));
    }

    private static SparkRunExecutor spark(String master, RunStore store, TaskTrainer trainer) {
        return SparkRunExecutor.builder().master(master).store(store).trainer(trainer).set("spark.ui.enabled", "false").build();
    }

    /** Every file in the store's folder: records and their weights only, no temporary or partial files. */
    private static List<String> files(RunStore store) throws IOException {
        try (Stream<Path> s = Files.list(store.dir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Each run's record and kept weights (DCNv2 keeps its cross layers too). */
    private static List<String> recordFiles(List<RunRequest> requests, RunStore store) {
        return requests.stream().flatMap(r -> java.util.stream.Stream.of(store.file(r.id()).getFileName().toString(), r.id() + ".tables.npy",
                r.spec().kind() == org.collapselab.model.ModelKind.DCNV2 ? r.id() + ".cross.npy" : null)).filter(java.util.Objects::nonNull).sorted().toList();
    }

    @Test
    void sparkRecordsAreTheSequentialRunnersToEveryDigit() {
        List<RunRecord> sequential = new SequentialExecutor(new RunStore(tmp.resolve("sequential")), data).obtain(grid);
        List<RunRecord> onSpark;
        try (SparkRunExecutor executor = spark("local[2]", new RunStore(tmp.resolve("spark")), RunTrainer::train)) {
            onSpark = executor.obtain(grid);
            assertEquals(grid.size(), executor.trained());
            assertEquals(0, executor.reused());
        }
        assertEquals(grid.size(), onSpark.size());
        for (int i = 0; i < grid.size(); i++) {
            RunRecord s = sequential.get(i), p = onSpark.get(i);
            String what = grid.get(i).description();
            assertEquals(grid.get(i).id(), p.id(), what);
            assertEquals(s.request(), p.request(), what);
            assertEquals(s.testAuc(), p.testAuc(), what);
            assertEquals(s.testLogloss(), p.testLogloss(), what);
            assertEquals(s.validAuc(), p.validAuc(), what);
            assertEquals(s.bestEpoch(), p.bestEpoch(), what);
            assertArrayEquals(s.trainLosses(), p.trainLosses(), what);
            assertArrayEquals(s.validAucs(), p.validAucs(), what);
            assertArrayEquals(s.iaPerEpoch(), p.iaPerEpoch(), what);
            assertEquals(s.weights(), p.weights(), what + ": the same kept weights, by their digests");
        }
        // the grid has distinct runs (another seed is another run), so the comparison covered four trainings
        assertEquals(grid.size(), grid.stream().map(RunRequest::id).distinct().count());
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheStoreHoldsOneRecordPerRun() throws IOException {
        String victim = grid.get(2).id();
        FAULTS.set(0);
        TaskTrainer failsFirstAttempt = (request, d) -> {
            if (request.id().equals(victim) && TaskContext.get().attemptNumber() == 0) {
                FAULTS.incrementAndGet();
                throw new IllegalStateException("planted fault in the first attempt of " + request.id());
            }
            return RunTrainer.train(request, d);
        };
        RunStore store = new RunStore(tmp.resolve("runs"));
        try (SparkRunExecutor executor = spark("local[2,2]", store, failsFirstAttempt)) {
            List<RunRecord> records = executor.obtain(grid);
            assertEquals(grid.stream().map(RunRequest::id).toList(), records.stream().map(RunRecord::id).toList());
            assertEquals(grid.size(), executor.trained());
        }
        assertEquals(1, FAULTS.get(), "the planted fault fired once");
        assertEquals(recordFiles(grid, store), files(store));

        // re-submitted: everything comes from the store, and a trainer that would fail proves nothing is trained
        TaskTrainer mustNotRun = (request, d) -> {
            throw new AssertionError("trained " + request.description() + " again");
        };
        try (SparkRunExecutor again = spark("local[2,2]", store, mustNotRun)) {
            List<RunRecord> records = again.obtain(grid);
            assertEquals(grid.size(), records.size());
            assertEquals(0, again.trained());
            assertEquals(grid.size(), again.reused());
        }
        assertEquals(recordFiles(grid, store), files(store));
    }

    @Test
    void aRunThatFailsForGoodIsReportedWithItsIdentityAndTheOthersAreStored() throws IOException {
        RunRequest victim = grid.get(1);
        String victimId = victim.id();
        FAULTS.set(0);
        TaskTrainer alwaysFails = (request, d) -> {
            if (request.id().equals(victimId)) {
                FAULTS.incrementAndGet();
                throw new IllegalStateException("planted permanent fault");
            }
            return RunTrainer.train(request, d);
        };
        RunStore store = new RunStore(tmp.resolve("runs"));
        RunFailures failed;
        try (SparkRunExecutor executor = spark("local[2,2]", store, alwaysFails)) {
            failed = assertThrows(RunFailures.class, () -> executor.obtain(grid));
            assertEquals(grid.size() - 1, executor.trained());
        }
        assertEquals(2, FAULTS.get(), "two attempts (local[2,2]) before giving up");
        assertEquals(1, failed.failures().size());
        RunFailures.Failure f = failed.failures().get(0);
        assertEquals(victimId, f.id());
        assertEquals(victim.description(), f.description());
        assertTrue(f.cause().contains("planted permanent fault"), f.cause());
        assertTrue(failed.getMessage().contains(victimId), failed.getMessage());
        List<RunRequest> others = grid.stream().filter(r -> !r.id().equals(victimId)).toList();
        assertEquals(recordFiles(others, store), files(store));
    }

    @Test
    void aModelTooLargeForTheExecutorIsNotRetriedAndSurfacesAsTheSequentialExecutorThrowsIt() throws IOException {
        String victim = grid.get(3).id();
        FAULTS.set(0);
        // the victim gets a one-byte memory budget (not part of a run's identity: each JVM sets its own)
        TaskTrainer oneByteForVictim = (request, d) -> {
            if (!request.id().equals(victim)) return RunTrainer.train(request, d);
            FAULTS.incrementAndGet();
            return RunTrainer.train(request, d, org.collapselab.train.TrainContext.builder().memoryBudget(1L).build(), List.of());
        };
        RunStore store = new RunStore(tmp.resolve("runs"));
        try (SparkRunExecutor executor = spark("local[2,2]", store, oneByteForVictim)) {
            assertThrows(ModelTooLargeException.class, () -> executor.obtain(grid));
            assertEquals(grid.size() - 1, executor.trained());
        }
        assertEquals(1, FAULTS.get(), "a model too large is not retried");
        List<RunRequest> others = grid.stream().filter(r -> !r.id().equals(victim)).toList();
        assertEquals(recordFiles(others, store), files(store));
    }
}
