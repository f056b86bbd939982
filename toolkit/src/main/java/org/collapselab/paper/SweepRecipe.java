package org.collapselab.paper;

import java.util.List;
import org.collapselab.data.EncodedDataset;
import org.collapselab.paper.claim.Claim;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;

/** A recipe that is one {@link SizeSweep}: its runs and its result are the sweep's (Evidence III and IV). */
public interface SweepRecipe extends Recipe<SizeSweep.Result> {
    /** The sweep this recipe trains. */
    SizeSweep sweep();

    @Override
    default List<RunRequest> requests(EncodedDataset data) {
        return sweep().requests(data);
    }

    /** The paper's claims on the sweep's result. */
    List<Claim> claims(SizeSweep.Result result);

    /** The sweep's result with this recipe's {@link #claims}. */
    @Override
    default SizeSweep.Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        SizeSweep.Result r = sweep().result(data, runs, store);
        return r.withClaims(claims(r));
    }
}
