package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceIIIClaimsTest {
    private static double[] v(double... x) {
        return x;
    }

    @Test
    void iaRaisedAtEverySizeHolds() {
        // 1×: plain mean of 5 and 7 = 6 vs 6.5 (gain 1/12); 2×: 5.5 vs 6 (gain 1/11)
        Claim c = EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v(5, 7), 2, v(5.5, 5.5)), Map.of(1, v(6.5, 6.5), 2, v(6, 6)));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(6.5 / 6 - 1, c.value(), 1e-12);
        assertFalse(c.reason().contains("marginally"), c.reason());
        assertTrue(c.reason().contains("2 seeds"), c.reason());
    }

    @Test
    void iaRaisedByLessThanOnePercentIsMarginal() {
        Claim c = EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v(5), 2, v(5.5)), Map.of(1, v(6), 2, v(5.52)));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(5.52 / 5.5 - 1, c.value(), 1e-12);
        assertTrue(c.reason().contains("marginally"), c.reason());
        assertTrue(c.reason().contains("one seed"), c.reason());
    }

    @Test
    void iaLowerAtOneSizeDoesNotHold() {
        Claim c = EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v(5), 2, v(5.5)), Map.of(1, v(6), 2, v(5.4)));
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(5.4 / 5.5 - 1, c.value(), 1e-12);
    }

    @Test
    void differentScalesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v(5), 2, v(5)), Map.of(1, v(6))));
        assertTrue(e.getMessage().contains("[1, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v(5)), Map.of(1, v(Double.NaN))));
        assertThrows(IllegalArgumentException.class, () -> EvidenceIIIClaims.regularisationRaisesIa(Map.of(1, v()), Map.of(1, v(6))));
    }

    @Test
    void aucGainAtMostTheSignificantLevelHolds() {
        Map<Integer, double[]> plain = Map.of(1, v(0.70), 4, v(0.69));
        Claim held = EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, v(0.70), 2, v(0.71), 4, v(0.7009)), Map.of(1, v(0.70), 2, v(0.7), 4, v(0.69)));
        assertEquals(Verdict.HELD, held.verdict());
        assertEquals(0.0009, held.value(), 1e-12);    // largest − smallest, the middle size is not looked at
        Claim notHeld = EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, v(0.70), 4, v(0.7011)), plain);
        assertEquals(Verdict.NOT_HELD, notHeld.verdict());
        assertEquals(0.0011, notHeld.value(), 1e-12);
    }

    @Test
    void aucClaimNeedsTwoSizes() {
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, v(0.7)), Map.of(1, v(0.7))).verdict());
    }

    private static final double[] FALLING = {0.50, 0.45, 0.44};

    @Test
    void overfittingAtEverySizeHolds() {
        Claim c = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, FALLING, 2, v(0.5, 0.4)), Map.of(1, v(0.70, 0.71, 0.705), 2, v(0.70, 0.69)));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(2, c.value());
    }

    @Test
    void aRunStillImprovingDoesNotOverfit() {
        // 2×: validation AUC is at its best in the last epoch; 1×: the loss does not fall
        Claim c = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, v(0.5, 0.51), 2, FALLING), Map.of(1, v(0.70, 0.69), 2, v(0.70, 0.71, 0.72)));
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(0, c.value());
        // overfitting at one size of two is not "every size"
        Claim one = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, FALLING, 2, FALLING), Map.of(1, v(0.70, 0.71, 0.705), 2, v(0.70, 0.71, 0.72)));
        assertEquals(Verdict.NOT_HELD, one.verdict());
        assertEquals(1, one.value());
    }

    @Test
    void oneEpochRunsCannotDecide() {
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, v(0.5), 2, v(0.5)), Map.of(1, v(0.7), 2, v(0.7))).verdict());
        // one run overfits, the other has one epoch: cannot say "every size"
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, FALLING, 2, v(0.5)),
                Map.of(1, v(0.70, 0.71, 0.705), 2, v(0.7))).verdict());
        // one run does not overfit: decided whatever the one-epoch run would show
        assertEquals(Verdict.NOT_HELD, EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, FALLING, 2, v(0.5)),
                Map.of(1, v(0.70, 0.71, 0.72), 2, v(0.7))).verdict());
    }

    @Test
    void historiesOfDifferentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, FALLING), Map.of(1, v(0.7, 0.71))));
    }
}
