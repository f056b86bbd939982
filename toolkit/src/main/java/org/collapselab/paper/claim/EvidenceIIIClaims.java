package org.collapselab.paper.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.collapselab.analysis.stats.DeLong;
import org.collapselab.analysis.stats.Interval;
import org.collapselab.train.Predictions;

/**
 * Fig. 5 (Section 4.2, Evidence III): DCNv2 with the cross-weight regulariser against plain DCNv2 across sizes. Inputs
 * map each scale factor n to one entry per seed: IA per field {@code [seed][field]}, or a run's test predictions.
 */
public final class EvidenceIIIClaims {
    private EvidenceIIIClaims() {
    }

    /**
     * Held when the regularised model's IA is above plain DCNv2's at every size: at each size the mean over fields of
     * the per-field difference, with a paired t-interval over fields, must be above 0.
     */
    public static Claim regularisationRaisesIa(Map<Integer, double[][]> plainIa, Map<Integer, double[][]> regularisedIa) {
        SortedMap<Integer, double[][]> plain = PerScale.ia("DCNv2 IA", plainIa), reg = PerScale.ia("regularised DCNv2 IA", regularisedIa);
        PerScale.sameScales("DCNv2", plain, "regularised DCNv2", reg);
        List<Evidence> parts = new ArrayList<>();
        for (int n : plain.keySet())
            parts.add(new Evidence("IA at " + n + "×: regularised − plain, mean over fields", Comparisons.fields("IA at " + n + "×", reg.get(n), plain.get(n)),
                    Rule.above(0)));
        return Claim.judge("Fig. 5: the regulariser raises IA", parts, "");
    }

    /**
     * Held when the regularised model's test AUC at the largest size is less than {@link Thresholds#SIGNIFICANT_AUC}
     * above its AUC at the smallest, the whole interval below. Inconclusive with one size.
     *
     * @param regularised the regularised model's test predictions per scale and seed
     * @param plain       plain DCNv2's, for the reason (its change is shown, not judged)
     */
    public static Claim aucDoesNotImproveWithSize(Map<Integer, List<Predictions>> regularised, Map<Integer, List<Predictions>> plain) {
        SortedMap<Integer, List<Predictions>> reg = PerScale.runs("regularised DCNv2", regularised), dcn = PerScale.runs("DCNv2", plain);
        PerScale.sameScales("regularised DCNv2", reg, "DCNv2", dcn);
        String statement = "Fig. 5: yet the regularised model's test AUC does not improve with size";
        Rule rule = Rule.below(Thresholds.SIGNIFICANT_AUC);
        if (reg.size() < 2)
            return Claim.undecidable(statement, "regularised test AUC: largest − smallest size", rule.toString(), "one size (" + reg.firstKey() + "×): no change with size");
        int first = reg.firstKey(), last = reg.lastKey();
        Interval plainChange = Comparisons.auc("DCNv2", dcn.get(last), dcn.get(first));
        return Claim.judge(statement, List.of(new Evidence("regularised test AUC: " + last + "× − " + first + "×",
                        Comparisons.auc("regularised DCNv2", reg.get(last), reg.get(first)), rule)),
                "regularised " + Claim.number(PerScale.meanAuc(reg.get(first))) + " → " + Claim.number(PerScale.meanAuc(reg.get(last))) + "; plain DCNv2 "
                        + plainChange.signed(plainChange.estimate()) + " " + plainChange.range() + "; " + PerScale.seeds(reg.get(first).size()));
    }

    /**
     * One run's course for {@link #regularisedModelOverfits}.
     *
     * @param trainLoss training loss per epoch
     * @param validBest validation predictions of the best epoch (the weights kept)
     * @param validLast validation predictions of the last epoch
     */
    public record Course(double[] trainLoss, Predictions validBest, Predictions validLast) {
        public Course {
            trainLoss = trainLoss.clone();
            validBest.requireSameRows(validLast, "validation");
        }
    }

    /**
     * Held when the regularised model overfits at every size: its training loss falls from its first to its last
     * epoch while its validation AUC at the last epoch is below the best epoch's (DeLong, paired on the validation
     * rows; the best epoch is chosen on these rows, so its AUC is biased up a little and the test leans towards a drop).
     * Inconclusive when a run has one epoch (no trend).
     *
     * @param runs one seed's run per scale
     */
    public static Claim regularisedModelOverfits(Map<Integer, Course> runs) {
        String statement = "Fig. 5: the regularised model overfits (training loss falls while validation AUC drops)";
        if (runs.isEmpty()) throw new IllegalArgumentException("regularised DCNv2: no sizes");
        List<Evidence> parts = new ArrayList<>();
        List<String> oneEpoch = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(runs).entrySet()) {
            Course c = e.getValue();
            int n = e.getKey(), epochs = c.trainLoss().length;
            if (epochs < 2) {
                oneEpoch.add(n + "×");
                continue;
            }
            parts.add(new Evidence("train loss at " + n + "×: last − first epoch", Interval.exact(c.trainLoss()[epochs - 1] - c.trainLoss()[0],
                    "exact: mean loss over all training rows"), Rule.below(0)));
            parts.add(new Evidence("valid AUC at " + n + "×: last − best epoch", DeLong.difference(c.validLast().scores(), c.validBest().scores(),
                    c.validBest().labels(), Thresholds.LEVEL), Rule.below(0)));
        }
        if (!oneEpoch.isEmpty())
            return Claim.undecidable(statement, "train loss and valid AUC: last epoch against first and best", "< 0 both, at every size",
                    "runs of one epoch at " + String.join(", ", oneEpoch) + ": a run of one epoch has no trend to judge");
        return Claim.judge(statement, parts, "");
    }
}
