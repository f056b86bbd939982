package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.SubEmbeddingIA;
import org.junit.jupiter.api.Test;

class InteractionClaimsTest {
    private static SubEmbeddingIA planted(double[] raw, double[][] ia, boolean diagonalUsed) {
        int f = raw.length;
        return new SubEmbeddingIA("planted", IntStream.range(0, f).mapToObj(i -> "f" + i).toList(), IntStream.range(0, f).map(i -> 100).toArray(),
                raw, ia, diagonalUsed, 4, SpectrumOptions.DEFAULT);
    }

    /** raw IA 1..10; IA(E_i→j) = raw_i · s_j, so every column sum is s_j · Σ raw and every row ranks j like s. */
    private static SubEmbeddingIA product(int[] s) {
        double[] raw = IntStream.rangeClosed(1, s.length).asDoubleStream().toArray();
        double[][] ia = new double[s.length][s.length];
        for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) ia[i][j] = raw[i] * s[j];
        return planted(raw, ia, true);
    }

    /** Spearman's ρ of a permutation of 1..n against 1..n without ties: 1 − 6 Σ d² / (n (n² − 1)). */
    private static double rho(int[] s) {
        double d2 = 0;
        for (int i = 0; i < s.length; i++) d2 += Math.pow(s[i] - (i + 1), 2);
        int n = s.length;
        return 1 - 6 * d2 / (n * ((double) n * n - 1));
    }

    @Test
    void aModerateTrendOverTenFieldsCannotBeResolvedAStrongOneCan() {
        int[] s = {6, 2, 7, 1, 4, 5, 3, 10, 8, 9};       // Σ d² = 74: ρ = 0.5515, its Fisher-z interval over 10 fields reaches below 0
        Claim c = InteractionClaims.increasesAlongJ(product(s));
        assertEquals(1 - 6 * 74 / 990.0, rho(s), 1e-12);
        assertEquals(rho(s), c.value(), 1e-12);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.toString());
        int[] strong = {1, 2, 4, 3, 5, 6, 7, 9, 8, 10};  // ρ = 0.9758
        assertEquals(Verdict.HELD, InteractionClaims.increasesAlongJ(product(strong)).verdict());
        int[] down = {10, 9, 8, 6, 7, 5, 4, 3, 1, 2};
        assertEquals(Verdict.NOT_HELD, InteractionClaims.increasesAlongJ(product(down)).verdict());
    }

    @Test
    void notHeldWhenTheRowsDecreaseThoughTheColumnSumsRise() {
        // row 0 = 1000·raw_j dominates the column sums (ρ_col = 1); rows 1..9 = 1/raw_j, ρ_row = −1: mean (1 − 9)/10 < 0
        int f = 10;
        double[] raw = IntStream.rangeClosed(1, f).asDoubleStream().toArray();
        double[][] ia = new double[f][f];
        for (int i = 0; i < f; i++) for (int j = 0; j < f; j++) ia[i][j] = i == 0 ? 1000 * raw[j] : 1 / raw[j];
        Claim c = InteractionClaims.increasesAlongJ(planted(raw, ia, true));
        assertEquals(Verdict.NOT_HELD, c.verdict(), c.toString());
        assertEquals("mean ρ_row over rows i", c.statistic());
    }

    @Test
    void heldForFfmWithoutItsDiagonal() {
        // IA = raw_i · raw_j off the diagonal: column sums raw_j (15 − raw_j) = 14, 26, 36, 44, 50 rise with raw_j; ρ = 1
        double[] raw = {1, 2, 3, 4, 5};
        double[][] ia = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) ia[i][j] = i == j ? Double.NaN : raw[i] * raw[j];
        Claim c = InteractionClaims.increasesAlongJ(planted(raw, ia, false));
        assertEquals(1, c.value(), 1e-12);
        assertEquals(Verdict.HELD, c.verdict());
        double[][] down = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) down[i][j] = i == j ? Double.NaN : raw[i] / raw[j];
        assertEquals(Verdict.NOT_HELD, InteractionClaims.increasesAlongJ(planted(raw, down, false)).verdict());
    }

    @Test
    void inconclusiveWithTooFewFieldsOrNoRanking() {
        Claim three = InteractionClaims.increasesAlongJ(product(new int[]{1, 2, 3}));     // no interval for ρ over 3 fields
        assertEquals(Verdict.INCONCLUSIVE, three.verdict());
        double[][] ia = new double[5][5];
        for (double[] row : ia) java.util.Arrays.fill(row, 2);
        assertEquals(Verdict.INCONCLUSIVE, InteractionClaims.increasesAlongJ(planted(new double[]{1, 1, 1, 1, 1}, ia, true)).verdict());
    }
}
