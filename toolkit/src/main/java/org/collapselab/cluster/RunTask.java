package org.collapselab.cluster;

import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;
import org.collapselab.data.EncodedDataset;
import org.collapselab.experiment.RunRecord;
import org.collapselab.experiment.RunRequest;
import org.collapselab.experiment.RunStore;
import org.collapselab.model.ModelTooLargeException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One run as one Spark task, on whichever executor Spark picks: rebuilds the request from its text form, reopens
 * the encoded dataset from the cache file the driver built (its checksum verified on opening), trains with
 * {@code threads} OpenMP threads (on a cluster's executors) and puts the record into the shared run store, atomically. A run an earlier
 * attempt already stored is not trained again. A model over the executor's memory budget is no error to retry:
 * it comes back as the outcome, so that a sweep can leave that cell out.
 */
final class RunTask implements Function<String, RunTask.Outcome> {
    private static final long serialVersionUID = 1L;

    private final String storeDir;
    private final int threads;
    private final TaskTrainer trainer;

    RunTask(Path storeDir, int threads, TaskTrainer trainer) {
        this.storeDir = storeDir.toString();
        this.threads = threads;
        this.trainer = trainer;
    }

    /** What a task did: stored the run, or found its model too large for the executor ({@code tooLarge}). */
    record Outcome(String id, ModelTooLargeException tooLarge) implements Serializable {}

    @Override
    public Outcome call(String encoded) {
        RunRequest request = RunRequest.decode(encoded);
        RunStore store = new RunStore(Path.of(storeDir));
        if (store.contains(request.id())) return new Outcome(request.id(), null);
        // As many OpenMP threads as Spark gave this task cores (the executor's OMP_NUM_THREADS says the same). Not in
        // local mode, whose executor is the driver's JVM: the thread count is process-wide there, and it changes a
        // run's last digits, so the driver keeps its own.
        if (!"driver".equals(SparkEnv.get().executorId())) ompThreads(threads);    // "driver": Spark's id of the driver's executor
        EncodedDataset data = request.data().open();
        RunRecord record;
        try {
            record = trainer.train(request, data);
        } catch (ModelTooLargeException e) {
            return new Outcome(request.id(), e);
        }
        store.put(record);
        return new Outcome(request.id(), null);
    }

    /** The OpenMP threads ND4J's native ops use in this JVM. */
    static int ompThreads() {
        Nd4j.getBackend();    // loads the natives, which NativeOpsHolder needs loaded
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    // Environment.setMaxThreads does not reach OpenMP in ND4J M2.1; this does (and BLAS's own pool).
    private static void ompThreads(int n) {
        Nd4j.getBackend();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }
}
