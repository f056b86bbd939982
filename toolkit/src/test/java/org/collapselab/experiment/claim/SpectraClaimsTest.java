package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.Spectrum;
import org.collapselab.analysis.SpectrumOptions;
import org.junit.jupiter.api.Test;

class SpectraClaimsTest {
    /** K = 4: fields a (100 rows) and b (50) are wider than K, c (3 rows) is not. */
    private static final int[] ROWS = {100, 50, 3};

    private static FieldIA ia(int[] rows, double... values) {
        return new FieldIA(List.of("a", "b", "c").subList(0, rows.length), rows, values, 4,
                Collections.nCopies(rows.length, new Spectrum(new double[]{1})), SpectrumOptions.DEFAULT);
    }

    @Test
    void heldWhenEveryWideFieldIsBelowAndTheMeanIsAtMostHalf() {
        // wide fields: learned 1 + 1.5 = 2.5, random 3.8 + 3.7 = 7.5 → ratio 1/3; c is not below random (2.9 vs 2.8) but narrow
        Claim c = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1.0, 1.5, 2.9), ia(ROWS, 3.8, 3.7, 2.8));
        assertEquals(Verdict.HELD, c.verdict());
        assertEquals(2.5 / 7.5, c.value(), 1e-12);
        assertTrue(c.reason().contains("c (3 rows)"), c.reason());
    }

    @Test
    void exactlyHalfHolds() {
        assertEquals(Verdict.HELD, SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1.5, 2.0, 1), ia(ROWS, 3.0, 4.0, 2)).verdict());
    }

    @Test
    void notHeldWhenAWideFieldIsNotBelow() {
        // ratio (1 + 3.9) / (3.8 + 3.7) = 0.65, and b is above random
        Claim c = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1.0, 3.9, 1), ia(ROWS, 3.8, 3.7, 2));
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertTrue(c.reason().startsWith("learned below random in 1 of 2 fields"), c.reason());
    }

    @Test
    void notHeldWhenBelowButNotFarBelow() {
        Claim c = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 2.5, 2.5, 1), ia(ROWS, 3.8, 3.7, 2));
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(5 / 7.5, c.value(), 1e-12);
    }

    @Test
    void inconclusiveWithoutAFieldWiderThanK() {
        int[] narrow = {4, 3};
        assertEquals(Verdict.INCONCLUSIVE, SpectraClaims.learnedFarBelowRandom(ia(narrow, 1, 1), ia(narrow, 3, 3)).verdict());
    }

    @Test
    void aReferenceOfAnotherShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1, 1, 1), ia(new int[]{100, 50, 4}, 3, 3, 3)));
    }
}
