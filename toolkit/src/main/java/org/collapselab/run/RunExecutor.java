package org.collapselab.run;

import java.util.List;

/**
 * Obtains trained runs: each request's record in request order, read from the {@link RunStore} when it is there
 * (never retrained), else trained and put into the store before {@link #obtain} returns.
 */
public interface RunExecutor {
    List<RunRecord> obtain(List<RunRequest> requests);

    /** One run. */
    default RunRecord obtain(RunRequest request) {
        return obtain(List.of(request)).get(0);
    }

    /** Runs this executor trained since it was made. */
    int trained();

    /** Runs this executor read from the store since it was made. */
    int reused();

    /** The store it reads and fills. */
    RunStore store();

    /**
     * The OpenMP thread count runs should ask for ({@code TrainConfig.threads}) to use this executor's cores as it
     * reserves them, when it says (Spark: spark.task.cpus); empty: the count of this JVM.
     */
    default java.util.OptionalInt threadsPerRun() {
        return java.util.OptionalInt.empty();
    }

    /** E.g. {@code trained 2 runs, reused 5 from data/results/runs}. */
    default String summary() {
        return "trained " + trained() + (trained() == 1 ? " run" : " runs") + ", reused " + reused() + " from the run store " + store().dir();
    }
}
