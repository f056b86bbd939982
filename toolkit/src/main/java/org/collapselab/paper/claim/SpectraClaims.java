package org.collapselab.paper.claim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.stats.Intervals;

/** Figs. 1b and 2 (Section 3): learned embedding tables against random ones of the same shape. */
public final class SpectraClaims {
    static final String STATEMENT = "Fig. 2: the learned tables' IA is far below random ones' (embedding collapse)";

    private SpectraClaims() {
    }

    /**
     * Held when, over the fields with more rows than K, the mean ratio learned IA / random IA is below
     * {@link Thresholds#BELOW_RANDOM} with its t-interval over those fields. A table of at most K rows has IA at most its
     * row count, collapsed or not, so narrower fields cannot show collapse and are only listed in the reason.
     * Inconclusive with fewer than two such fields.
     *
     * @param learned IA per field of the trained table
     * @param random  IA per field of a random (Xavier) table of the same shape: same fields, rows and K
     */
    public static Claim learnedFarBelowRandom(FieldIA learned, FieldIA random) {
        Objects.requireNonNull(learned, "learned");
        Objects.requireNonNull(random, "random");
        if (!learned.fields().equals(random.fields()) || !Arrays.equals(learned.cardinalities(), random.cardinalities()) || learned.k() != random.k())
            throw new IllegalArgumentException("the random reference must have the learned table's shape: fields " + learned.fields() + " K = "
                    + learned.k() + " vs " + random.fields() + " K = " + random.k());
        int k = learned.k();
        int[] card = learned.cardinalities();
        double[] l = learned.ia(), r = random.ia();
        List<Double> ratios = new ArrayList<>();
        List<String> notBelow = new ArrayList<>();
        int wideBelow = 0;
        for (int f = 0; f < l.length; f++) {
            if (card[f] > k) {
                ratios.add(l[f] / r[f]);
                if (l[f] < r[f]) wideBelow++;
            }
            if (l[f] >= r[f]) notBelow.add(learned.fields().get(f) + " (" + card[f] + " rows)");
        }
        String statistic = "mean over the fields with more than K = " + k + " rows of learned IA / random IA";
        Rule rule = Rule.below(Thresholds.BELOW_RANDOM);
        if (ratios.size() < 2)
            return Claim.undecidable(STATEMENT, statistic, rule.toString(), ratios.size() + " field(s) with more than K = " + k
                    + " rows: a table of at most K rows has IA at most its row count, collapsed or not, and one field has no spread");
        double[] x = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        return Claim.judge(STATEMENT, List.of(new Evidence(statistic, Intervals.mean(x, Thresholds.LEVEL, "fields"), rule)),
                "learned below random in " + wideBelow + " of " + x.length + " fields wider than K; fields not below random (any width): "
                        + (notBelow.isEmpty() ? "none" : String.join(", ", notBelow)));
    }
}
