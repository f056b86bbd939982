package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceIVClaimsTest {
    private static double[] v(double... x) {
        return x;
    }

    @Test
    void dnnAboveAtEverySizeHolds() {
        Claim c = EvidenceIVClaims.dnnHasHigherIa(Map.of(1, v(8, 9), 2, v(12)), Map.of(1, v(7, 7), 2, v(11.75)));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(0.25, c.value(), 1e-12);     // 1×: 8.5 − 7 = 1.5; 2×: 12 − 11.75
    }

    @Test
    void dnnBelowAtOneSizeDoesNotHold() {
        Claim c = EvidenceIVClaims.dnnHasHigherIa(Map.of(1, v(8), 2, v(11.5)), Map.of(1, v(7), 2, v(11.75)));
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(-0.25, c.value(), 1e-12);
    }

    @Test
    void dnnDropsWhileDcnv2HoldsHolds() {
        // DNN −0.003; DCNv2 −0.0005 is within the 0.001 allowance
        Claim c = EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, v(0.701), 4, v(0.698)), Map.of(1, v(0.7005), 4, v(0.7)));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(-0.003, c.value(), 1e-12);
    }

    @Test
    void notHeldWhenDnnRisesOrDcnv2AlsoDrops() {
        assertEquals(Verdict.NOT_HELD, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, v(0.70), 4, v(0.701)), Map.of(1, v(0.7), 4, v(0.7))).verdict());
        // DCNv2 −0.0015 is more than 0.001 below its 1×
        assertEquals(Verdict.NOT_HELD, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, v(0.70), 4, v(0.69)), Map.of(1, v(0.7015), 4, v(0.7))).verdict());
    }

    @Test
    void oneSizeIsInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(2, v(0.7)), Map.of(2, v(0.7))).verdict());
    }
}
