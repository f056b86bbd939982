package org.collapselab.paper.claim;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.train.Predictions;

/**
 * Table 1 and Figs. 1a, 8, 10, 11 (Section 5.2): single- (SE) and multi-embedding (ME) test AUC across sizes, per
 * model. The inputs map each scale factor n to one run's test predictions per seed; SE includes the 1× base (at 1× SE
 * and ME are the same model), ME the scales ≥ 2. A scale may be missing from either (a cell left out, over the memory
 * budget): the claims look at the largest scale that has both modes. Differences are paired on the test rows.
 */
public final class ScalingClaims {
    private ScalingClaims() {
    }

    /** The largest scale ≥ 2 with both modes, or 0 when there is none. */
    private static int top(SortedMap<Integer, List<Predictions>> se, SortedMap<Integer, List<Predictions>> me) {
        return me.keySet().stream().filter(n -> n >= 2 && se.containsKey(n)).mapToInt(Integer::intValue).max().orElse(0);
    }

    private static SortedMap<Integer, List<Predictions>> me(String model, Map<Integer, List<Predictions>> me) {
        return me.isEmpty() ? new TreeMap<>() : PerScale.runs(model + " ME", me);
    }

    private static String missing(SortedMap<Integer, List<Predictions>> se, SortedMap<Integer, List<Predictions>> me) {
        return !se.containsKey(1) ? "no SE 1× base run" : "no scale ≥ 2 with both an SE and an ME run (SE " + se.keySet() + ", ME " + me.keySet() + ")";
    }

    /**
     * "Single-embedding models scale poorly": held when SE's test AUC at the largest scale N (with both modes) is less
     * than {@link Thresholds#SIGNIFICANT_AUC} above the 1× base, with the whole interval below it. Inconclusive
     * without the base or an N.
     */
    public static Claim seDoesNotScale(String model, Map<Integer, List<Predictions>> seRuns, Map<Integer, List<Predictions>> meRuns) {
        SortedMap<Integer, List<Predictions>> se = PerScale.runs(model + " SE", seRuns), me = me(model, meRuns);
        String statement = "Table 1, " + model + ": single-embedding does not scale";
        Rule rule = Rule.below(Thresholds.SIGNIFICANT_AUC);
        int top = top(se, me);
        if (!se.containsKey(1) || top == 0) return Claim.undecidable(statement, "SE test AUC: largest scale − 1×", rule.toString(), missing(se, me));
        return Claim.judge(statement, List.of(new Evidence("SE test AUC: " + top + "× − 1×", Comparisons.auc(model + " SE", se.get(top), se.get(1)), rule)),
                "1× " + Claim.number(PerScale.meanAuc(se.get(1))) + ", " + top + "× " + Claim.number(PerScale.meanAuc(se.get(top))) + "; "
                        + PerScale.seeds(se.get(1).size()));
    }

    /**
     * "Multi-embedding improves with size": held when ME's test AUC at the largest scale N (with both modes) is above
     * both the 1× base and SE at N, each interval above 0. Inconclusive without the base or an N.
     */
    public static Claim meImprovesWithSize(String model, Map<Integer, List<Predictions>> seRuns, Map<Integer, List<Predictions>> meRuns) {
        SortedMap<Integer, List<Predictions>> se = PerScale.runs(model + " SE", seRuns), me = me(model, meRuns);
        String statement = "Table 1, " + model + ": multi-embedding improves with size";
        Rule rule = Rule.above(0);
        int top = top(se, me);
        if (!se.containsKey(1) || top == 0) return Claim.undecidable(statement, "ME test AUC at the largest scale − 1× and − SE there", rule.toString(), missing(se, me));
        return Claim.judge(statement, List.of(
                        new Evidence("ME test AUC: " + top + "× − 1×", Comparisons.auc(model + " ME", me.get(top), se.get(1)), rule),
                        new Evidence("test AUC at " + top + "×: ME − SE", Comparisons.auc(model + " ME vs SE", me.get(top), se.get(top)), rule)),
                top + "×: ME " + Claim.number(PerScale.meanAuc(me.get(top))) + ", SE " + Claim.number(PerScale.meanAuc(se.get(top))) + ", 1× "
                        + Claim.number(PerScale.meanAuc(se.get(1))) + "; " + PerScale.seeds(se.get(1).size()));
    }
}
