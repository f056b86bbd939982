package org.collapselab.cluster;

import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.collapselab.data.EncodedDataset;
import org.collapselab.experiment.RunRecord;
import org.collapselab.experiment.RunRequest;
import org.collapselab.experiment.RunStore;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One run as one Spark task, on whichever executor Spark picks: rebuilds the request from its text form, reopens
 * the encoded dataset from the cache file the driver built (its checksum verified on opening), trains with
 * {@code threads} ND4J/OpenMP threads and puts the record into the shared run store, atomically. Returns the
 * run's id. A run an earlier attempt already stored is not trained again.
 */
final class RunTask implements Function<String, String> {
    private static final long serialVersionUID = 1L;

    private final String storeDir;
    private final int threads;
    private final TaskTrainer trainer;

    RunTask(Path storeDir, int threads, TaskTrainer trainer) {
        this.storeDir = storeDir.toString();
        this.threads = threads;
        this.trainer = trainer;
    }

    @Override
    public String call(String encoded) {
        RunRequest request = RunRequest.decode(encoded);
        RunStore store = new RunStore(Path.of(storeDir));
        if (store.contains(request.id())) return request.id();
        // as many threads as Spark gave this task cores (the executor's OMP_NUM_THREADS is set to the same)
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        EncodedDataset data = request.data().open();
        RunRecord record = trainer.train(request, data);
        store.put(record);
        return request.id();
    }
}
