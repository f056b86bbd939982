package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiEmbeddingClaimsTest {
    @Test
    void meAboveSeOnAverageHolds() {
        Claim c = MultiEmbeddingClaims.meHasHigherIa(new double[]{1, 2, 3}, new double[]{2, 2, 4});
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(8 / 3.0 - 2, c.value(), 1e-12);
        assertEquals(Verdict.NOT_HELD, MultiEmbeddingClaims.meHasHigherIa(new double[]{1, 2, 3}, new double[]{1, 1, 1}).verdict());
        assertEquals(Verdict.NOT_HELD, MultiEmbeddingClaims.meHasHigherIa(new double[]{1, 2, 3}, new double[]{3, 2, 1}).verdict());   // equal means
        assertThrows(IllegalArgumentException.class, () -> MultiEmbeddingClaims.meHasHigherIa(new double[]{1, 2}, new double[]{1}));
    }

    @Test
    void setsVaryingMoreThanRandomTablesHold() {
        // per field, two sets: 1 and 3, 2 and 4 → sample std √2 each; random: 5 and 5.1 → 0.1/√2
        Claim c = MultiEmbeddingClaims.setsVaryInIa(new double[][]{{1, 2}, {3, 4}}, new double[][]{{5, 5}, {5.1, 5.1}});
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(Math.sqrt(2), c.value(), 1e-12);
        Claim alike = MultiEmbeddingClaims.setsVaryInIa(new double[][]{{1, 2}, {1.01, 2.01}}, new double[][]{{5, 5}, {5.1, 5.1}});
        assertEquals(Verdict.NOT_HELD, alike.verdict());
        assertEquals(0.01 / Math.sqrt(2), alike.value(), 1e-12);
        assertEquals(Verdict.INCONCLUSIVE, MultiEmbeddingClaims.setsVaryInIa(new double[][]{{1, 2}}, new double[][]{{5, 5}}).verdict());
        assertThrows(IllegalArgumentException.class, () -> MultiEmbeddingClaims.setsVaryInIa(new double[][]{{1, 2}, {3, 4}}, new double[][]{{5, 5}}));
    }

    private static final double[][] A = {{1, 2}, {3, 4}}, REVERSED = {{4, 3}, {2, 1}}, DOUBLED = {{2, 4}, {6, 8}};

    @Test
    void patternsLessAlikeThanTheRestrictedModelsHold() {
        // ME's two sets are perfectly anti-correlated (−1), the restricted model's proportional (+1)
        Claim c = MultiEmbeddingClaims.setsLearnDifferentPatterns(List.of(A, REVERSED), List.of(A, DOUBLED));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(-1, c.value(), 1e-12);
        Claim swapped = MultiEmbeddingClaims.setsLearnDifferentPatterns(List.of(A, DOUBLED), List.of(A, REVERSED));
        assertEquals(Verdict.NOT_HELD, swapped.verdict());
        assertEquals(1, swapped.value(), 1e-12);
    }

    @Test
    void patternsNeedTwoSetsAndARanking() {
        assertEquals(Verdict.INCONCLUSIVE, MultiEmbeddingClaims.setsLearnDifferentPatterns(List.<double[][]>of(A), List.<double[][]>of(A)).verdict());
        double[][] flat = {{1, 1}, {1, 1}};
        assertEquals(Verdict.INCONCLUSIVE, MultiEmbeddingClaims.setsLearnDifferentPatterns(List.of(A, flat), List.of(A, DOUBLED)).verdict());
        assertThrows(IllegalArgumentException.class, () -> MultiEmbeddingClaims.setsLearnDifferentPatterns(List.of(A, new double[][]{{1, 2}}), List.of(A, A)));
    }

    @Test
    void restrictionBelowMeHolds() {
        Claim c = MultiEmbeddingClaims.restrictionTakesAwayGains(4, new double[]{0.70, 0.72}, new double[]{0.69});
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(-0.02, c.value(), 1e-12);
        // the default run's numbers: restricted 0.6921 against ME 0.6918
        Claim d = MultiEmbeddingClaims.restrictionTakesAwayGains(4, new double[]{0.6918}, new double[]{0.6921});
        assertEquals(Verdict.NOT_HELD, d.verdict());
        assertEquals(0.0003, d.value(), 1e-12);
    }
}
