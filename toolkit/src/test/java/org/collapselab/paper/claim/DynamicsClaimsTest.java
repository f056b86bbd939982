package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DynamicsClaimsTest {
    @Test
    void meAboveSeAfterEveryEpochOverFields() {
        double[][] se = {{2, 3, 4}, {2, 3, 4}};
        assertEquals(Verdict.HELD, DynamicsClaims.meAboveSeEveryEpoch(se, new double[][] {{3, 4.1, 5}, {3.5, 4.4, 5.6}}).verdict());
        assertEquals(Verdict.INCONCLUSIVE, DynamicsClaims.meAboveSeEveryEpoch(se, new double[][] {{3, 4.1, 5}, {2.1, 2.9, 4.05}}).verdict());
        assertEquals(Verdict.NOT_HELD, DynamicsClaims.meAboveSeEveryEpoch(se, new double[][] {{3, 4.1, 5}, {1, 2.1, 3}}).verdict());
        // a run stopped early: the epochs both ran
        assertEquals(Verdict.HELD, DynamicsClaims.meAboveSeEveryEpoch(se, new double[][] {{3, 4.1, 5}}).verdict());
        assertEquals(Verdict.INCONCLUSIVE, DynamicsClaims.meAboveSeEveryEpoch(new double[0][], se).verdict());
    }
}
