package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToyClaimsTest {
    @Test
    void heldWhenSmallFallsBelowLarge() {
        Claim c = ToyClaims.lowIaFieldCollapses(new double[]{5, 4, 3}, new double[]{5, 6, 7});
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(3 - 7, c.value());
    }

    @Test
    void notHeldWhenSmallEndsAboveLarge() {
        Claim c = ToyClaims.lowIaFieldCollapses(new double[]{5, 4, 8}, new double[]{5, 6, 7});
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(1, c.value());
    }

    @Test
    void notHeldWhenSmallIsBelowButDidNotFall() {
        Claim c = ToyClaims.lowIaFieldCollapses(new double[]{2, 3, 4}, new double[]{5, 6, 7});
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertTrue(c.reason().contains("IA(E1) with D3 = 3: end − start: +2") && c.reason().contains("fails < 0"), c.reason());
    }

    @Test
    void inconclusiveBeforeTrainingAndRefusedWhenMisaligned() {
        assertEquals(Verdict.INCONCLUSIVE, ToyClaims.lowIaFieldCollapses(new double[]{5}, new double[]{5}).verdict());
        assertThrows(IllegalArgumentException.class, () -> ToyClaims.lowIaFieldCollapses(new double[]{5, 4}, new double[]{5}));
        assertThrows(IllegalArgumentException.class, () -> ToyClaims.lowIaFieldCollapses(new double[]{5, Double.NaN}, new double[]{5, 6}));
    }
}
