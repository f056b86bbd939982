package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.collapselab.testing.PlantedPredictions;
import org.collapselab.train.Predictions;
import org.junit.jupiter.api.Test;

class EvidenceIIIClaimsTest {
    private static final double[][] PLAIN = {{4, 5, 6, 7, 8}};

    private static double[][] plus(double[] by) {
        double[][] out = {PLAIN[0].clone()};
        for (int f = 0; f < by.length; f++) out[0][f] += by[f];
        return out;
    }

    @Test
    void iaRaisedHeldOnAPlantedGainInconclusiveOnNoiseNotHeldOnALoss() {
        Map<Integer, double[][]> plain = Map.of(1, PLAIN, 2, PLAIN);
        Claim up = EvidenceIIIClaims.regularisationRaisesIa(plain, Map.of(1, plus(new double[] {1, 1.2, 0.9, 1.1, 1}), 2, plus(new double[] {2, 2, 2.1, 1.9, 2})));
        assertEquals(Verdict.HELD, up.verdict(), up.toString());
        assertTrue(up.reason().contains("t over 5 fields, paired"), up.reason());
        // issue 25: 5.353 vs 5.353 at 1×: differences of both signs around 0 cannot decide
        Claim noise = EvidenceIIIClaims.regularisationRaisesIa(plain, Map.of(1, plus(new double[] {0.01, -0.02, 0.015, -0.01, 0.004}),
                2, plus(new double[] {2, 2, 2.1, 1.9, 2})));
        assertEquals(Verdict.INCONCLUSIVE, noise.verdict(), noise.toString());
        Claim down = EvidenceIIIClaims.regularisationRaisesIa(plain, Map.of(1, plus(new double[] {-1, -1.2, -0.9, -1.1, -1}), 2, plus(new double[] {2, 2, 2, 2, 2.1})));
        assertEquals(Verdict.NOT_HELD, down.verdict());
        assertThrows(IllegalArgumentException.class, () -> EvidenceIIIClaims.regularisationRaisesIa(plain, Map.of(1, PLAIN)));
    }

    private static List<Predictions> run(double signal, long seed) {
        return List.of(PlantedPredictions.of(6000, signal, seed));
    }

    @Test
    void aucDoesNotImproveHeldOnlyWhenTheIntervalIsBelowTheSignificantGain() {
        Map<Integer, List<Predictions>> plain = Map.of(1, run(1, 1), 4, run(1, 2));
        assertEquals(Verdict.NOT_HELD, EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, run(1, 3), 4, run(1.4, 4)), plain).verdict());
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, run(1, 3), 4, run(1, 4)), plain).verdict());
        assertEquals(Verdict.HELD, EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, run(1, 3), 4, run(0.6, 4)), plain).verdict());
        assertEquals(Verdict.INCONCLUSIVE, EvidenceIIIClaims.aucDoesNotImproveWithSize(Map.of(1, run(1, 3)), Map.of(1, run(1, 1))).verdict());
    }

    @Test
    void overfittingNeedsTheLossToFallAndTheValidationAucToDrop() {
        Predictions best = PlantedPredictions.of(6000, 1.4, 1), worse = PlantedPredictions.of(6000, 1.0, 2), same = PlantedPredictions.of(6000, 1.4, 3);
        double[] falling = {0.5, 0.45, 0.4};
        Claim over = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, new EvidenceIIIClaims.Course(falling, best, worse),
                2, new EvidenceIIIClaims.Course(falling, best, worse)));
        assertEquals(Verdict.HELD, over.verdict(), over.toString());
        Claim flat = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, new EvidenceIIIClaims.Course(falling, best, same)));
        assertEquals(Verdict.INCONCLUSIVE, flat.verdict(), flat.toString());
        Claim lastIsBest = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, new EvidenceIIIClaims.Course(falling, best, best)));
        assertEquals(Verdict.NOT_HELD, lastIsBest.verdict(), "the last epoch was the best: no drop");
        Claim rising = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, new EvidenceIIIClaims.Course(new double[] {0.4, 0.5}, best, worse)));
        assertEquals(Verdict.NOT_HELD, rising.verdict());
        Claim one = EvidenceIIIClaims.regularisedModelOverfits(Map.of(1, new EvidenceIIIClaims.Course(new double[] {0.4}, best, best)));
        assertEquals(Verdict.INCONCLUSIVE, one.verdict());
        assertTrue(one.reason().contains("one epoch"), one.reason());
    }
}
