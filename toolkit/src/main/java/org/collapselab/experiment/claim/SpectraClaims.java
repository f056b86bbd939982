package org.collapselab.experiment.claim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.FieldIA;

/** Figs. 1b and 2 (Section 3): learned embedding tables against random ones of the same shape. */
public final class SpectraClaims {
    static final String STATEMENT = "Fig. 2: the learned tables' IA is far below random ones' (embedding collapse)";
    /** "Far below": the learned mean at most this share of the random mean. */
    public static final double FAR_BELOW = 0.5;

    private SpectraClaims() {
    }

    /**
     * Held when, over the fields with more rows than K, the learned IA is below the random table's in every field and
     * the mean learned IA is at most {@link #FAR_BELOW} of the mean random IA. A table of at most K rows has IA at most
     * its row count, collapsed or not, so narrower fields cannot show collapse and are only listed in the reason.
     * Inconclusive when no field has more rows than K.
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
        double sumL = 0, sumR = 0;
        int wide = 0, wideBelow = 0;
        List<String> notBelow = new ArrayList<>();
        for (int f = 0; f < l.length; f++) {
            if (card[f] > k) {
                wide++;
                sumL += l[f];
                sumR += r[f];
                if (l[f] < r[f]) wideBelow++;
            }
            if (l[f] >= r[f]) notBelow.add(learned.fields().get(f) + " (" + card[f] + " rows)");
        }
        String statistic = "mean learned IA / mean random IA over the fields with more than K = " + k + " rows",
                rule = "≤ " + Claim.number(FAR_BELOW) + ", and learned below random in every such field";
        if (wide == 0)
            return Claim.inconclusive(STATEMENT, statistic, Double.NaN, rule, "no field has more than K = " + k
                    + " rows: a table of at most K rows has IA at most its row count, collapsed or not");
        double ratio = sumL / sumR;
        return Claim.decided(STATEMENT, statistic, ratio, rule, wideBelow == wide && ratio <= FAR_BELOW,
                "learned below random in " + wideBelow + " of " + wide + " fields wider than K; mean learned " + Claim.number(sumL / wide)
                        + " vs random " + Claim.number(sumR / wide) + "; fields not below random (any width): "
                        + (notBelow.isEmpty() ? "none" : String.join(", ", notBelow)));
    }
}
