package org.collapselab.experiment.claim;

import java.util.Objects;

/** Beyond the paper: how collapse develops during training, SE against ME at the same width (Fig. 9a over epochs). */
public final class DynamicsClaims {
    private DynamicsClaims() {
    }

    /**
     * Held when ME's mean IA over fields is above SE's after every epoch both ran (a run stopped early has fewer).
     * Inconclusive when either has no epoch.
     *
     * @param seMeanIa SE's mean IA over fields after each epoch
     * @param meMeanIa ME's, its sets side by side
     */
    public static Claim meAboveSeEveryEpoch(double[] seMeanIa, double[] meMeanIa) {
        Objects.requireNonNull(seMeanIa, "seMeanIa");
        Objects.requireNonNull(meMeanIa, "meMeanIa");
        int epochs = Math.min(seMeanIa.length, meMeanIa.length);
        String statement = "Fig. 9a over training: ME keeps a higher mean IA than SE after every epoch",
                statistic = "smallest gap in mean IA over epochs (ME − SE)", rule = "> 0 after every epoch";
        if (epochs == 0) return Claim.inconclusive(statement, statistic, Double.NaN, rule, "no epoch recorded");
        double smallest = Double.POSITIVE_INFINITY;
        int above = 0;
        for (int e = 0; e < epochs; e++) {
            if (!Double.isFinite(seMeanIa[e]) || !Double.isFinite(meMeanIa[e]))
                throw new IllegalArgumentException("epoch " + (e + 1) + ": mean IA SE " + seMeanIa[e] + ", ME " + meMeanIa[e] + " must be finite");
            smallest = Math.min(smallest, meMeanIa[e] - seMeanIa[e]);
            if (meMeanIa[e] > seMeanIa[e]) above++;
        }
        return Claim.decided(statement, statistic, smallest, rule, above == epochs, "ME above SE after " + above + " of " + epochs + " epochs");
    }
}
