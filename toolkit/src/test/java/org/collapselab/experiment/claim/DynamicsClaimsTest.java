package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DynamicsClaimsTest {
    @Test
    void meAboveAfterEveryEpochHolds() {
        Claim c = DynamicsClaims.meAboveSeEveryEpoch(new double[]{5, 6, 7}, new double[]{6, 6.5, 7.75});
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(0.5, c.value(), 1e-12);
    }

    @Test
    void meBelowAfterOneEpochDoesNotHold() {
        Claim c = DynamicsClaims.meAboveSeEveryEpoch(new double[]{5, 6, 7}, new double[]{6, 5.75, 7.5});
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(-0.25, c.value(), 1e-12);
    }

    @Test
    void onlyTheEpochsBothRanAreCompared() {
        // SE stopped after 2 epochs; ME's third epoch (below SE's second) is not compared
        assertEquals(Verdict.HELD, DynamicsClaims.meAboveSeEveryEpoch(new double[]{5, 6}, new double[]{6, 7, 1}).verdict());
    }

    @Test
    void noEpochIsInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, DynamicsClaims.meAboveSeEveryEpoch(new double[0], new double[]{6}).verdict());
    }
}
