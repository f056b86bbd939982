package org.collapselab.paper.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Beyond the paper: how collapse develops during training, SE against ME at the same width (Fig. 9a over epochs). */
public final class DynamicsClaims {
    private DynamicsClaims() {
    }

    /**
     * Held when ME's IA is above SE's after every epoch both ran (a run stopped early has fewer): per epoch, the mean
     * over fields of ME − SE with a paired t-interval over fields above 0. Inconclusive when either has no epoch.
     *
     * @param seIa {@code [epoch][field]}: SE's IA per field after each epoch
     * @param meIa the same for ME, its sets side by side
     */
    public static Claim meAboveSeEveryEpoch(double[][] seIa, double[][] meIa) {
        Objects.requireNonNull(seIa, "seIa");
        Objects.requireNonNull(meIa, "meIa");
        int epochs = Math.min(seIa.length, meIa.length);
        String statement = "Fig. 9a over training: ME keeps a higher IA than SE after every epoch";
        if (epochs == 0) return Claim.undecidable(statement, "IA after each epoch: ME − SE, mean over fields", "> 0 after every epoch", "no epoch recorded");
        List<Evidence> parts = new ArrayList<>();
        for (int e = 0; e < epochs; e++)
            parts.add(new Evidence("IA after epoch " + (e + 1) + ": ME − SE, mean over fields",
                    Comparisons.fields("epoch " + (e + 1), new double[][] {meIa[e]}, new double[][] {seIa[e]}), Rule.above(0)));
        return Claim.judge(statement, parts, "");
    }
}
