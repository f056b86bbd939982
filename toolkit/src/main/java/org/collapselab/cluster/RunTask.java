package org.collapselab.cluster;

import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelTooLargeException;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.run.RunTrainer;

/**
 * One run as one Spark task, on whichever executor Spark picks: rebuilds the request from its text form, reopens
 * the encoded dataset from the cache file the driver built (its checksum verified on opening), trains with the
 * request's OpenMP thread count (the trainer sets it; it is part of the run's identity) and puts the record into the
 * shared run store, atomically. A run an earlier
 * attempt already stored is not trained again. A model over the executor's memory budget is no error to retry:
 * it comes back as the outcome, so that a sweep can leave that cell out.
 */
final class RunTask implements Function<String, RunTask.Outcome> {
    private static final long serialVersionUID = 1L;

    private final String storeDir;
    private final RunStore.Keep keep;
    private final TaskTrainer trainer;

    RunTask(RunStore store, TaskTrainer trainer) {
        this.storeDir = store.dir().toString();
        this.keep = store.keep();
        this.trainer = trainer;
    }

    /** What a task did: stored the run, or found its model too large for the executor ({@code tooLarge}). */
    record Outcome(String id, ModelTooLargeException tooLarge) implements Serializable {}

    @Override
    public Outcome call(String encoded) {
        RunRequest request = RunRequest.decode(encoded);
        RunStore store = new RunStore(Path.of(storeDir), keep);
        if (store.contains(request.id())) return new Outcome(request.id(), null);
        EncodedDataset data = request.data().open();
        RunTrainer.Trained record;
        try {
            record = trainer.train(request, data);
        } catch (ModelTooLargeException e) {
            return new Outcome(request.id(), e);
        }
        store.put(record);
        return new Outcome(request.id(), null);
    }
}
