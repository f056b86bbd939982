package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.collapselab.testing.PlantedPredictions;
import org.collapselab.train.Predictions;
import org.junit.jupiter.api.Test;

class EvidenceIVClaimsTest {
    private static List<Predictions> run(double signal, long seed) {
        return List.of(PlantedPredictions.of(6000, signal, seed));
    }

    @Test
    void dnnHigherIaHeldOnAPlantedGapInconclusiveOnNoise() {
        double[][] dcn = {{2, 3, 4, 5}};
        assertEquals(Verdict.HELD, EvidenceIVClaims.dnnHasHigherIa(Map.of(1, new double[][] {{3, 4.1, 4.9, 6}}), Map.of(1, dcn)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIVClaims.dnnHasHigherIa(Map.of(1, new double[][] {{2.1, 2.9, 4.05, 4.9}}), Map.of(1, dcn)).verdict());
        assertEquals(Verdict.NOT_HELD, EvidenceIVClaims.dnnHasHigherIa(Map.of(1, new double[][] {{1, 2.1, 2.9, 4}}), Map.of(1, dcn)).verdict());
    }

    @Test
    void dnnDropsWhileDcnv2HoldsNeedsBothIntervals() {
        Map<Integer, List<Predictions>> dcnHolds = Map.of(1, run(1, 1), 4, run(1, 1));    // the same scorer: exactly no change
        assertEquals(Verdict.HELD, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, run(1.4, 2), 4, run(1.0, 3)), dcnHolds).verdict());
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, run(1, 2), 4, run(1, 3)), dcnHolds).verdict());
        assertEquals(Verdict.NOT_HELD, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, run(1, 2), 4, run(1.4, 3)), dcnHolds).verdict());
        Map<Integer, List<Predictions>> dcnDrops = Map.of(1, run(1.4, 4), 4, run(1.0, 5));
        assertEquals(Verdict.NOT_HELD, EvidenceIVClaims.dnnDropsWhileDcnv2Holds(Map.of(1, run(1.4, 2), 4, run(1.0, 3)), dcnDrops).verdict());
    }
}
