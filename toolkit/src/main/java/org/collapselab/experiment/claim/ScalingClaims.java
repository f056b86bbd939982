package org.collapselab.experiment.claim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 and Figs. 1a, 8, 10, 11 (Section 5.2): single- (SE) and multi-embedding (ME) test AUC across sizes, per
 * model. The inputs map each scale factor n to one test AUC per seed; SE includes the 1× base (at 1× SE and ME are the
 * same model), ME the scales ≥ 2. A scale may be missing from either (a cell left out, over the memory budget): the
 * claims look at the largest scale that has both modes.
 */
public final class ScalingClaims {
    /** Columns {@link #of(Table)} reads. */
    public static final String MODEL = "model", MODE = "mode", SCALE = "scale", TEST_AUC = "test AUC";

    private ScalingClaims() {
    }

    /** Both claims for every model of a scaling grid's run table (columns {@link #MODEL}, {@link #MODE} "SE"/"ME", {@link #SCALE}, {@link #TEST_AUC}), models in table order. */
    public static List<Claim> of(Table runs) {
        List<Claim> out = new ArrayList<>();
        for (String model : new LinkedHashSet<>(runs.stringColumn(MODEL).asList())) {
            Table m = runs.where(runs.stringColumn(MODEL).isEqualTo(model));
            Map<Integer, double[]> se = perScale(m, "SE"), me = perScale(m, "ME");
            out.add(seDoesNotScale(model, se, me));
            out.add(meImprovesWithSize(model, se, me));
        }
        return out;
    }

    private static Map<Integer, double[]> perScale(Table runs, String mode) {
        Table t = runs.where(runs.stringColumn(MODE).isEqualTo(mode));
        NumericColumn<?> scale = t.numberColumn(SCALE);
        Map<Integer, double[]> out = new TreeMap<>();
        for (double s : java.util.Arrays.stream(scale.asDoubleArray()).distinct().toArray())
            out.put((int) Math.round(s), t.where(scale.isEqualTo(s)).numberColumn(TEST_AUC).asDoubleArray());
        return out;
    }

    /** The largest scale ≥ 2 with both modes, or 0 when there is none. */
    private static int top(SortedMap<Integer, double[]> se, SortedMap<Integer, double[]> me) {
        return me.keySet().stream().filter(n -> n >= 2 && se.containsKey(n)).mapToInt(Integer::intValue).max().orElse(0);
    }

    private static SortedMap<Integer, double[]> me(String model, Map<Integer, double[]> me) {
        return me.isEmpty() ? new TreeMap<>() : PerScale.checked(model + " ME test AUC", me);
    }

    private static String missing(SortedMap<Integer, double[]> se, SortedMap<Integer, double[]> me) {
        return !se.containsKey(1) ? "no SE 1× base run" : "no scale ≥ 2 with both an SE and an ME run (SE " + se.keySet() + ", ME " + me.keySet() + ")";
    }

    /**
     * "Single-embedding models scale poorly": held when SE's mean test AUC at the largest scale N (with both modes) is
     * less than {@link EvidenceIIIClaims#SIGNIFICANT_AUC} above the 1× base. Inconclusive without the base or an N.
     */
    public static Claim seDoesNotScale(String model, Map<Integer, double[]> seAuc, Map<Integer, double[]> meAuc) {
        SortedMap<Integer, double[]> se = PerScale.checked(model + " SE test AUC", seAuc), me = me(model, meAuc);
        String statement = "Table 1, " + model + ": single-embedding does not scale", statistic = "SE test AUC: largest scale − 1×",
                rule = "< +" + Claim.number(EvidenceIIIClaims.SIGNIFICANT_AUC);
        int top = top(se, me);
        if (!se.containsKey(1) || top == 0) return Claim.inconclusive(statement, statistic, Double.NaN, rule, missing(se, me));
        double base = PerScale.mean(se.get(1)), gain = PerScale.mean(se.get(top)) - base;
        return Claim.decided(statement, statistic, gain, rule, gain < EvidenceIIIClaims.SIGNIFICANT_AUC, "1× " + Claim.number(base) + " → " + top + "× "
                + Claim.number(PerScale.mean(se.get(top))) + "; best SE scale " + best(se, null) + "×; " + PerScale.seeds(PerScale.fewestSeeds(se)));
    }

    /**
     * "Multi-embedding improves with size": held when ME's mean test AUC at the largest scale N (with both modes) is above
     * both the 1× base and SE at N. Inconclusive without the base or an N.
     */
    public static Claim meImprovesWithSize(String model, Map<Integer, double[]> seAuc, Map<Integer, double[]> meAuc) {
        SortedMap<Integer, double[]> se = PerScale.checked(model + " SE test AUC", seAuc), me = me(model, meAuc);
        String statement = "Table 1, " + model + ": multi-embedding improves with size", statistic = "ME test AUC at the largest scale − max(1×, SE there)",
                rule = "> 0";
        int top = top(se, me);
        if (!se.containsKey(1) || top == 0) return Claim.inconclusive(statement, statistic, Double.NaN, rule, missing(se, me));
        double base = PerScale.mean(se.get(1)), seTop = PerScale.mean(se.get(top)), meTop = PerScale.mean(me.get(top));
        double margin = meTop - Math.max(base, seTop);
        return Claim.decided(statement, statistic, margin, rule, margin > 0, top + "×: ME " + Claim.number(meTop) + ", SE " + Claim.number(seTop) + ", 1× "
                + Claim.number(base) + "; ME − SE " + Claim.signed(meTop - seTop) + "; best ME scale " + best(me, se.get(1)) + "×; "
                + PerScale.seeds(PerScale.fewestSeeds(se, me)));
    }

    /** The scale with the highest mean, the first on ties; {@code base} (the shared 1× run) counts as scale 1 when given. */
    private static int best(SortedMap<Integer, double[]> values, double[] base) {
        int best = base == null ? 0 : 1;
        double top = base == null ? Double.NEGATIVE_INFINITY : PerScale.mean(base);
        for (var e : values.entrySet())
            if (PerScale.mean(e.getValue()) > top) {
                top = PerScale.mean(e.getValue());
                best = e.getKey();
            }
        return best;
    }
}
