package org.collapselab.paper.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.collapselab.train.Predictions;

/**
 * Fig. 6 (Section 4.2, Evidence IV): DNN (no explicit interaction) against DCNv2 across sizes. Inputs map each scale
 * factor n to one entry per seed: IA per field {@code [seed][field]}, or a run's test predictions.
 */
public final class EvidenceIVClaims {
    private EvidenceIVClaims() {
    }

    /** Held when DNN's IA is above DCNv2's at every size (per size, a paired t-interval over fields above 0). */
    public static Claim dnnHasHigherIa(Map<Integer, double[][]> dnnIa, Map<Integer, double[][]> dcnv2Ia) {
        SortedMap<Integer, double[][]> dnn = PerScale.ia("DNN IA", dnnIa), dcn = PerScale.ia("DCNv2 IA", dcnv2Ia);
        PerScale.sameScales("DNN", dnn, "DCNv2", dcn);
        List<Evidence> parts = new ArrayList<>();
        for (int n : dnn.keySet())
            parts.add(new Evidence("IA at " + n + "×: DNN − DCNv2, mean over fields", Comparisons.fields("IA at " + n + "×", dnn.get(n), dcn.get(n)), Rule.above(0)));
        return Claim.judge("Fig. 6: DNN has higher IA than DCNv2", parts, "");
    }

    /**
     * Held when DNN's test AUC at the largest size is below its AUC at the smallest (interval below 0) while DCNv2's
     * change is above −{@link Thresholds#SIGNIFICANT_AUC} (interval above it). Inconclusive with one size.
     */
    public static Claim dnnDropsWhileDcnv2Holds(Map<Integer, List<Predictions>> dnnRuns, Map<Integer, List<Predictions>> dcnv2Runs) {
        SortedMap<Integer, List<Predictions>> dnn = PerScale.runs("DNN", dnnRuns), dcn = PerScale.runs("DCNv2", dcnv2Runs);
        PerScale.sameScales("DNN", dnn, "DCNv2", dcn);
        String statement = "Fig. 6: DNN's test AUC drops with size while DCNv2's holds";
        if (dnn.size() < 2)
            return Claim.undecidable(statement, "DNN test AUC: largest − smallest size", "< 0, with DCNv2's change > −" + Claim.number(Thresholds.SIGNIFICANT_AUC),
                    "one size (" + dnn.firstKey() + "×): no change with size");
        int first = dnn.firstKey(), last = dnn.lastKey();
        return Claim.judge(statement, List.of(
                new Evidence("DNN test AUC: " + last + "× − " + first + "×", Comparisons.auc("DNN", dnn.get(last), dnn.get(first)), Rule.below(0)),
                new Evidence("DCNv2 test AUC: " + last + "× − " + first + "×", Comparisons.auc("DCNv2", dcn.get(last), dcn.get(first)),
                        Rule.above(-Thresholds.SIGNIFICANT_AUC))), PerScale.seeds(dnn.get(first).size()));
    }
}
