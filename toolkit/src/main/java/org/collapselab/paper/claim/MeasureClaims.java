package org.collapselab.paper.claim;

import java.util.Arrays;
import java.util.List;
import org.collapselab.analysis.CollapseMeasure;
import org.collapselab.analysis.Correlation;
import org.collapselab.analysis.FieldMeasures;
import org.collapselab.analysis.stats.Intervals;

/**
 * Do the collapse measures tell one story? Whether each measure finds one model's tables less collapsed than
 * another's, and whether it ranks the fields by collapse as IA does. Per field, a measure is read relative to the
 * random table of the same shape ({@link CollapseMeasure#relativeToRandom}), so fields of different sizes compare.
 */
public final class MeasureClaims {
    private MeasureClaims() {}

    /**
     * Held when {@code b}'s tables are less collapsed than {@code a}'s by {@code measure}: the mean over fields of b − a
     * (relative to random, higher = less collapsed) with a paired t-interval over fields above 0.
     */
    public static Claim lessCollapsed(CollapseMeasure measure, String aName, FieldMeasures a, String bName, FieldMeasures b) {
        checkSameFields(a, b);
        double[] ra = relative(measure, a), rb = relative(measure, b);
        String statement = bName + " is less collapsed than " + aName + " by " + measure.name(),
                statistic = measure.name() + " relative to random: " + bName + " − " + aName + ", mean over fields";
        if (!finite(ra) || !finite(rb)) return Claim.undecidable(statement, statistic, "> 0", measure.name() + " is undefined on some field (" + measure.range() + ")");
        int better = 0;
        for (int f = 0; f < ra.length; f++) if (rb[f] > ra[f]) better++;
        return Claim.judge(statement, List.of(new Evidence(statistic,
                Intervals.pairedMean(rb, ra, Thresholds.LEVEL, "fields"), Rule.above(0))),
                bName + " less collapsed on " + better + " of " + ra.length + " fields");
    }

    /**
     * Held when {@code measure} orders {@code model}'s fields by collapse as {@code reference} does: Spearman's ρ over
     * fields of the two (each relative to random) with its Fisher-z interval above 0. Inconclusive with fewer than 4
     * fields, or when either measure is the same on every field.
     */
    public static Claim ranksFieldsAlike(CollapseMeasure measure, CollapseMeasure reference, String model, FieldMeasures m) {
        double[] x = relative(measure, m), y = relative(reference, m);
        String statement = model + ": " + measure.name() + " ranks the fields by collapse as " + reference.name() + " does",
                statistic = "Spearman's ρ over fields, " + measure.name() + " vs " + reference.name() + " (relative to random)";
        if (x.length < 4) return Claim.undecidable(statement, statistic, "> 0", x.length + " fields: too few to rank");
        if (!finite(x) || !finite(y)) return Claim.undecidable(statement, statistic, "> 0", "a measure is undefined on some field");
        if (constant(x) || constant(y))
            return Claim.undecidable(statement, statistic, "> 0", (constant(x) ? measure.name() : reference.name()) + " is the same on every field: no order");
        double rho = Correlation.spearman(x, y);
        return Claim.judge(statement, List.of(new Evidence(statistic, Intervals.spearman(rho, x.length, Thresholds.LEVEL), Rule.above(0))),
                x.length + " fields");
    }

    /** Per field, {@code measure} of the learned table relative to the random one (higher = less collapsed). */
    public static double[] relative(CollapseMeasure measure, FieldMeasures m) {
        double[] out = new double[m.learned().size()];
        for (int f = 0; f < out.length; f++) out[f] = measure.relativeToRandom(m.value(f, measure), m.randomValue(f, measure));
        return out;
    }

    private static boolean finite(double[] v) {
        return Arrays.stream(v).allMatch(Double::isFinite);
    }

    private static boolean constant(double[] v) {
        return Arrays.stream(v).distinct().count() < 2;
    }

    private static void checkSameFields(FieldMeasures a, FieldMeasures b) {
        if (!a.learned().fields().equals(b.learned().fields()))
            throw new IllegalArgumentException("the two models' fields differ: " + a.learned().fields() + " and " + b.learned().fields());
    }
}
