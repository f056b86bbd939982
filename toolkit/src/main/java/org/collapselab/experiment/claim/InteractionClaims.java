package org.collapselab.experiment.claim;

import java.util.Arrays;
import java.util.Objects;
import org.collapselab.analysis.SubEmbeddingIA;

/** Fig. 3 (Section 4.1, Evidence I and II): the interaction-collapse law on sub-embeddings. */
public final class InteractionClaims {
    /** The standard normal's 95% quantile: Fig. 3's trend must clear a one-sided 5% level. */
    public static final double Z_95 = 1.645;

    private InteractionClaims() {
    }

    /**
     * The one-sided 5% level of Spearman's ρ over {@code fields} values with no trend, Z_95/√(F − 1) (under no trend ρ
     * has standard deviation ≈ 1/√(F − 1)): 0.2667 for Criteo's 39 fields.
     */
    public static double significanceLevel(int fields) {
        if (fields < 2) throw new IllegalArgumentException("a rank correlation needs at least 2 fields, got " + fields);
        return Z_95 / Math.sqrt(fields - 1);
    }

    /**
     * Held for a model when ρ_col, Spearman's ρ between the column sums Σ_i IA(E_i→j) and the fields' raw IA IA(E_j),
     * is above {@link #significanceLevel} and the mean over rows i of ρ_row (Spearman's ρ over j of IA(E_i→j) with
     * IA(E_j)) is positive. Inconclusive when the level is out of reach (fewer than 4 fields: 1.645/√(F − 1) ≥ 1), when
     * the column sums or the raw IA are all equal (no ranking), or when no row has a ranking.
     */
    public static Claim increasesAlongJ(SubEmbeddingIA s) {
        Objects.requireNonNull(s, "sub-embedding IA");
        int f = s.size();
        double level = significanceLevel(f);
        String statement = "Fig. 3, " + s.model() + ": IA(E_i→j) increases along j (interaction with low-IA fields collapses sub-embeddings)",
                statistic = "ρ_col: Spearman ρ of Σ_i IA(E_i→j) with IA(E_j) over " + f + " fields",
                rule = "> 1.645/√(F−1) = " + Claim.number(level) + " (one-sided 5%), and mean ρ_row > 0";
        if (level >= 1)
            return Claim.inconclusive(statement, statistic, Double.NaN, rule, f + " fields: ρ cannot exceed 1, so no trend can be significant at 5%");
        double col = s.columnSumCorrelation();
        double[] rows = Arrays.stream(s.rowCorrelations()).filter(Double::isFinite).toArray();
        if (Double.isNaN(col))
            return Claim.inconclusive(statement, statistic, Double.NaN, rule, "the column sums or the raw IA are all equal: no ranking to correlate");
        if (rows.length == 0)
            return Claim.inconclusive(statement, statistic, col, rule, "no row i has a ranking over j: mean ρ_row undefined");
        double meanRow = Arrays.stream(rows).average().orElseThrow();
        long positive = Arrays.stream(rows).filter(v -> v > 0).count();
        return Claim.decided(statement, statistic, col, rule, col > level && meanRow > 0, "mean ρ_row " + Claim.signed(meanRow) + " (positive in "
                + positive + " of " + rows.length + " rows); along i, ρ of Σ_j IA(E_i→j) with IA(E_i) " + Claim.signed(s.rowSumCorrelation()));
    }
}
