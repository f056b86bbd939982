package org.collapselab.experiment.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Fig. 5 (Section 4.2, Evidence III): DCNv2 with the cross-weight regulariser against plain DCNv2 across sizes. Inputs
 * map each scale factor n to one value per seed ({@link PerScale#of} reads them from a size sweep's run table).
 */
public final class EvidenceIIIClaims {
    /** A gain in test AUC of this much is the paper's "significant" improvement in CTR prediction. */
    public static final double SIGNIFICANT_AUC = 0.001;
    /** A relative IA gain below this at some size is reported as marginal (the paper's gap is clear). */
    public static final double MARGINAL = 0.01;

    private EvidenceIIIClaims() {
    }

    /**
     * Held when the regularised model's mean IA over fields is above plain DCNv2's at every size (means over seeds);
     * the reason notes when the smallest relative gain is below {@link #MARGINAL}.
     *
     * @param plainIa       plain DCNv2's mean IA over fields, per scale and seed
     * @param regularisedIa the regularised model's, at the same scales
     */
    public static Claim regularisationRaisesIa(Map<Integer, double[]> plainIa, Map<Integer, double[]> regularisedIa) {
        SortedMap<Integer, double[]> plain = PerScale.checked("DCNv2 mean IA", plainIa), reg = PerScale.checked("regularised DCNv2 mean IA", regularisedIa);
        PerScale.sameScales("DCNv2", plain, "regularised DCNv2", reg);
        double smallest = Double.POSITIVE_INFINITY;
        int higher = 0;
        List<String> sizes = new ArrayList<>();
        for (int n : plain.keySet()) {
            double p = PerScale.mean(plain.get(n)), r = PerScale.mean(reg.get(n)), gain = r / p - 1;
            smallest = Math.min(smallest, gain);
            if (r > p) higher++;
            sizes.add(n + "× " + Claim.number(p) + " → " + Claim.number(r));
        }
        boolean held = higher == plain.size();
        return Claim.decided("Fig. 5: the regulariser raises IA", "smallest relative IA gain over sizes (regularised / plain − 1)", smallest,
                "> 0 at every size", held, "higher at " + higher + " of " + plain.size() + " sizes (" + String.join(", ", sizes) + "); "
                        + (held && smallest < MARGINAL ? "only marginally: below " + Claim.number(100 * MARGINAL) + "% at some size; " : "")
                        + PerScale.seeds(PerScale.fewestSeeds(plain, reg)));
    }

    /**
     * Held when the regularised model's mean test AUC at the largest size is at most {@link #SIGNIFICANT_AUC} above its
     * AUC at the smallest. Inconclusive with one size.
     *
     * @param regularisedAuc the regularised model's test AUC per scale and seed
     * @param plainAuc       plain DCNv2's, for the reason (its change is shown, not judged)
     */
    public static Claim aucDoesNotImproveWithSize(Map<Integer, double[]> regularisedAuc, Map<Integer, double[]> plainAuc) {
        SortedMap<Integer, double[]> reg = PerScale.checked("regularised DCNv2 test AUC", regularisedAuc), plain = PerScale.checked("DCNv2 test AUC", plainAuc);
        PerScale.sameScales("regularised DCNv2", reg, "DCNv2", plain);
        String statement = "Fig. 5: yet the regularised model's test AUC does not improve with size",
                statistic = "regularised test AUC: largest − smallest size", rule = "≤ +" + Claim.number(SIGNIFICANT_AUC);
        if (reg.size() < 2) return Claim.inconclusive(statement, statistic, Double.NaN, rule, "one size (" + reg.firstKey() + "×): no change with size");
        int first = reg.firstKey(), last = reg.lastKey();
        double gain = PerScale.mean(reg.get(last)) - PerScale.mean(reg.get(first));
        double plainGain = PerScale.mean(plain.get(last)) - PerScale.mean(plain.get(first));
        return Claim.decided(statement, statistic, gain, rule, gain <= SIGNIFICANT_AUC, first + "× → " + last + "×: regularised "
                + Claim.number(PerScale.mean(reg.get(first))) + " → " + Claim.number(PerScale.mean(reg.get(last))) + ", plain DCNv2 "
                + Claim.signed(plainGain) + "; " + PerScale.seeds(PerScale.fewestSeeds(reg, plain)));
    }

    /**
     * Held when the regularised model overfits at every size: its training loss falls from its first to its last epoch
     * while its validation AUC at the last epoch is below its best. A run of one epoch shows no trend; inconclusive when
     * every run that can decide overfits but some cannot (or none can).
     *
     * @param trainLoss training loss per epoch, per scale (one seed's run)
     * @param validAuc  validation AUC per epoch, per scale, the same runs
     */
    public static Claim regularisedModelOverfits(Map<Integer, double[]> trainLoss, Map<Integer, double[]> validAuc) {
        SortedMap<Integer, double[]> loss = PerScale.checked("training loss per epoch", trainLoss), auc = PerScale.checked("validation AUC per epoch", validAuc);
        PerScale.sameScales("training loss", loss, "validation AUC", auc);
        int overfit = 0, undecided = 0;
        List<String> runs = new ArrayList<>();
        for (int n : loss.keySet()) {
            double[] l = loss.get(n), a = auc.get(n);
            if (l.length != a.length) throw new IllegalArgumentException(n + "×: " + l.length + " training losses but " + a.length + " validation AUCs");
            if (l.length < 2) {
                undecided++;
                runs.add(n + "× one epoch");
                continue;
            }
            double best = java.util.Arrays.stream(a).max().orElseThrow();
            boolean falls = l[l.length - 1] < l[0], drops = a[a.length - 1] < best;
            if (falls && drops) overfit++;
            runs.add(n + "× " + (falls && drops ? "overfits" : falls ? "valid AUC at its best in the last epoch" : "train loss did not fall"));
        }
        String statement = "Fig. 5: the regularised model overfits (training loss falls while validation AUC drops)",
                statistic = "sizes where the regularised model overfits", rule = "every size (" + loss.size() + ")",
                reason = String.join(", ", runs);
        if (overfit + undecided == loss.size() && undecided > 0)
            return Claim.inconclusive(statement, statistic, overfit, rule, reason + "; a run of one epoch has no trend to judge");
        return Claim.decided(statement, statistic, overfit, rule, overfit == loss.size(), reason);
    }
}
