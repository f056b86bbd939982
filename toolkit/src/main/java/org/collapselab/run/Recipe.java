package org.collapselab.run;

import java.util.List;
import org.collapselab.data.EncodedDataset;

/**
 * The one shape of every recipe that trains models: it names the runs it needs ({@link #requests}), and builds
 * its typed result from their records and the measures of their kept weights ({@link #result}); {@link #run} obtains them through a {@link RunExecutor}
 * (so from the shared run store, trained only where missing, sequentially or on Spark) in one call.
 *
 * @param <R> the recipe's result
 */
public interface Recipe<R> {
    /** Every run this recipe needs on {@code data}. */
    List<RunRequest> requests(EncodedDataset data);

    /**
     * The result from the records of {@link #requests}, in request order, and what it measures of their kept weights
     * from {@code store} ({@link RunStore#measure}: cached, never trained).
     */
    R result(EncodedDataset data, List<RunRecord> runs, RunStore store);

    /** Obtains the runs and builds the result. */
    default R run(EncodedDataset data, RunExecutor executor) {
        return result(data, executor.obtain(requests(data)), executor.store());
    }
}
