package org.collapselab.paper.claim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.analysis.stats.Intervals;

/** Fig. 3 (Section 4.1, Evidence I and II): the interaction-collapse law on sub-embeddings. */
public final class InteractionClaims {
    private InteractionClaims() {
    }

    /**
     * Held for a model when ρ_col, Spearman's ρ between the column sums Σ_i IA(E_i→j) and the fields' raw IA IA(E_j),
     * is above 0 with its Fisher-z interval, and the mean over rows i of ρ_row (Spearman's ρ over j of IA(E_i→j) with
     * IA(E_j)) is above 0 with its t-interval over rows. Inconclusive with fewer than 4 fields, when the column sums or
     * the raw IA are all equal (no ranking), or when fewer than two rows have a ranking.
     */
    public static Claim increasesAlongJ(SubEmbeddingIA s) {
        Objects.requireNonNull(s, "sub-embedding IA");
        int f = s.size();
        String statement = "Fig. 3, " + s.model() + ": IA(E_i→j) increases along j (interaction with low-IA fields collapses sub-embeddings)",
                statistic = "ρ_col: Spearman ρ of Σ_i IA(E_i→j) with IA(E_j) over " + f + " fields";
        Rule rule = Rule.above(0);
        if (f < 4) return Claim.undecidable(statement, statistic, rule.toString(), f + " fields: too few for an interval of a rank correlation");
        double col = s.columnSumCorrelation();
        double[] rows = Arrays.stream(s.rowCorrelations()).filter(Double::isFinite).toArray();
        if (Double.isNaN(col))
            return Claim.undecidable(statement, statistic, rule.toString(), "the column sums or the raw IA are all equal: no ranking to correlate");
        if (rows.length < 2)
            return Claim.undecidable(statement, statistic, rule.toString(), rows.length + " row(s) i with a ranking over j: mean ρ_row has no interval");
        return Claim.judge(statement, List.of(new Evidence(statistic, Intervals.spearman(col, f, Thresholds.LEVEL), rule),
                        new Evidence("mean ρ_row over rows i", Intervals.mean(rows, Thresholds.LEVEL, "rows"), rule)),
                "along i, ρ of Σ_j IA(E_i→j) with IA(E_i) " + Claim.signed(s.rowSumCorrelation()));
    }
}
