package org.collapselab.experiment.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Fig. 6 (Section 4.2, Evidence IV): DNN (no explicit interaction) against DCNv2 across sizes. Inputs map each scale
 * factor n to one value per seed ({@link PerScale#of} reads them from a size sweep's run table).
 */
public final class EvidenceIVClaims {
    private EvidenceIVClaims() {
    }

    /**
     * Held when DNN's mean IA over fields is above DCNv2's at every size (means over seeds).
     *
     * @param dnnIa   DNN's mean IA over fields, per scale and seed
     * @param dcnv2Ia DCNv2's, at the same scales
     */
    public static Claim dnnHasHigherIa(Map<Integer, double[]> dnnIa, Map<Integer, double[]> dcnv2Ia) {
        SortedMap<Integer, double[]> dnn = PerScale.checked("DNN mean IA", dnnIa), dcn = PerScale.checked("DCNv2 mean IA", dcnv2Ia);
        PerScale.sameScales("DNN", dnn, "DCNv2", dcn);
        double smallest = Double.POSITIVE_INFINITY;
        int higher = 0;
        List<String> sizes = new ArrayList<>();
        for (int n : dnn.keySet()) {
            double d = PerScale.mean(dnn.get(n)), c = PerScale.mean(dcn.get(n));
            smallest = Math.min(smallest, d - c);
            if (d > c) higher++;
            sizes.add(n + "× DNN " + Claim.number(d) + " vs DCNv2 " + Claim.number(c));
        }
        return Claim.decided("Fig. 6: DNN has higher IA than DCNv2", "smallest gap in mean IA over sizes (DNN − DCNv2)", smallest, "> 0 at every size",
                higher == dnn.size(), "higher at " + higher + " of " + dnn.size() + " sizes (" + String.join(", ", sizes) + "); "
                        + PerScale.seeds(PerScale.fewestSeeds(dnn, dcn)));
    }

    /**
     * Held when DNN's mean test AUC at the largest size is below its AUC at the smallest while DCNv2's is not more than
     * {@link EvidenceIIIClaims#SIGNIFICANT_AUC} below its own. Inconclusive with one size.
     *
     * @param dnnAuc   DNN's test AUC per scale and seed
     * @param dcnv2Auc DCNv2's, at the same scales
     */
    public static Claim dnnDropsWhileDcnv2Holds(Map<Integer, double[]> dnnAuc, Map<Integer, double[]> dcnv2Auc) {
        SortedMap<Integer, double[]> dnn = PerScale.checked("DNN test AUC", dnnAuc), dcn = PerScale.checked("DCNv2 test AUC", dcnv2Auc);
        PerScale.sameScales("DNN", dnn, "DCNv2", dcn);
        String statement = "Fig. 6: DNN's test AUC drops with size while DCNv2's holds", statistic = "DNN test AUC: largest − smallest size",
                rule = "< 0, with DCNv2's change ≥ −" + Claim.number(EvidenceIIIClaims.SIGNIFICANT_AUC);
        if (dnn.size() < 2) return Claim.inconclusive(statement, statistic, Double.NaN, rule, "one size (" + dnn.firstKey() + "×): no change with size");
        int first = dnn.firstKey(), last = dnn.lastKey();
        double dnnChange = PerScale.mean(dnn.get(last)) - PerScale.mean(dnn.get(first)), dcnChange = PerScale.mean(dcn.get(last)) - PerScale.mean(dcn.get(first));
        boolean drops = dnnChange < 0, holds = dcnChange >= -EvidenceIIIClaims.SIGNIFICANT_AUC;
        return Claim.decided(statement, statistic, dnnChange, rule, drops && holds, first + "× → " + last + "×: DNN " + (drops ? "drops" : "does not drop")
                + ", DCNv2 " + Claim.signed(dcnChange) + " (" + (holds ? "holds" : "drops") + "); " + PerScale.seeds(PerScale.fewestSeeds(dnn, dcn)));
    }
}
