package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.collapselab.testing.PlantedPredictions;
import org.collapselab.train.Predictions;
import org.junit.jupiter.api.Test;

/** Planted test predictions: AUC Φ(signal/√2) on the same 6,000 rows, noise from the seed. */
class ScalingClaimsTest {
    private static List<Predictions> run(double signal, long seed) {
        return List.of(PlantedPredictions.of(6000, signal, seed));
    }

    @Test
    void meImprovesHeldOnAPlantedGainInconclusiveOnANullNotHeldOnALoss() {
        Map<Integer, List<Predictions>> se = Map.of(1, run(1.0, 1), 4, run(1.0, 2));
        Claim gain = ScalingClaims.meImprovesWithSize("m", se, Map.of(4, run(1.4, 3)));          // AUC 0.76 → 0.84
        assertEquals(Verdict.HELD, gain.verdict(), gain.toString());
        Claim none = ScalingClaims.meImprovesWithSize("m", se, Map.of(4, run(1.0, 4)));          // the same quality, other noise
        assertEquals(Verdict.INCONCLUSIVE, none.verdict(), none.toString());
        assertTrue(none.reason().contains("DeLong, paired on 6,000 test rows") && none.reason().contains("one seed"), none.reason());
        Claim loss = ScalingClaims.meImprovesWithSize("m", se, Map.of(4, run(0.6, 5)));
        assertEquals(Verdict.NOT_HELD, loss.verdict(), loss.toString());
    }

    @Test
    void seDoesNotScaleNeedsTheWholeIntervalBelowTheSignificantGain() {
        Map<Integer, List<Predictions>> me = Map.of(2, run(1.0, 9));
        assertEquals(Verdict.NOT_HELD, ScalingClaims.seDoesNotScale("m", Map.of(1, run(1.0, 1), 2, run(1.4, 2)), me).verdict());
        Claim same = ScalingClaims.seDoesNotScale("m", Map.of(1, run(1.0, 1), 2, run(1.0, 2)), me);
        assertEquals(Verdict.INCONCLUSIVE, same.verdict(), "6,000 rows cannot show a gain below 0.001: " + same);
        // a scorer against itself: the difference is exactly 0, below 0.001
        assertEquals(Verdict.HELD, ScalingClaims.seDoesNotScale("m", Map.of(1, run(1.0, 1), 2, run(1.0, 1)), me).verdict());
        assertEquals(Verdict.HELD, ScalingClaims.seDoesNotScale("m", Map.of(1, run(1.0, 1), 2, run(0.6, 2)), me).verdict());
    }

    @Test
    void theLargestScaleWithBothModesIsCompared() {
        // SE 4× left out (too large): the claims compare at 2×, where ME is planted above SE
        Claim c = ScalingClaims.meImprovesWithSize("m", Map.of(1, run(1.0, 1), 2, run(1.0, 2)), Map.of(2, run(1.4, 3), 4, run(0.2, 4)));
        assertEquals(Verdict.HELD, c.verdict(), c.toString());
        assertTrue(c.statistic().contains("2×"), c.statistic());
    }

    @Test
    void severalSeedsAreAveragedAndTheirSpreadWidensTheInterval() {
        Map<Integer, List<Predictions>> se = Map.of(1, List.of(PlantedPredictions.of(6000, 1.0, 1), PlantedPredictions.of(6000, 1.0, 2)),
                4, List.of(PlantedPredictions.of(6000, 1.0, 3), PlantedPredictions.of(6000, 1.0, 4)));
        Claim c = ScalingClaims.meImprovesWithSize("m", se, Map.of(4, List.of(PlantedPredictions.of(6000, 1.4, 5), PlantedPredictions.of(6000, 1.4, 6))));
        assertTrue(c.interval().orElseThrow().method().startsWith("t over 2 seeds"), c.interval().toString());
        assertTrue(c.reason().contains("2 seeds"), c.reason());
        var e = assertThrows(IllegalArgumentException.class, () -> ScalingClaims.meImprovesWithSize("m", se, Map.of(4, run(1.4, 5))));
        assertTrue(e.getMessage().contains("pairs one run of each per seed"), e.getMessage());
    }

    @Test
    void inconclusiveWithoutTheBaseOrAScaleWithBothModes() {
        assertEquals(Verdict.INCONCLUSIVE, ScalingClaims.seDoesNotScale("m", Map.of(1, run(1, 1)), Map.of()).verdict());
        assertEquals(Verdict.INCONCLUSIVE, ScalingClaims.meImprovesWithSize("m", Map.of(2, run(1, 1)), Map.of(2, run(1, 2))).verdict());
    }

    @Test
    void runsOnOtherRowsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ScalingClaims.meImprovesWithSize("m", Map.of(1, run(1, 1), 2, run(1, 2)),
                Map.of(2, List.of(PlantedPredictions.of(5000, 1, 3)))));
        assertTrue(e.getMessage().contains("same test rows"), e.getMessage());
    }
}
