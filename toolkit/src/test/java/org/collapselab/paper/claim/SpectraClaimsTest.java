package org.collapselab.paper.claim;

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
    /** K = 4: fields a, b, d (100, 50, 30 rows) are wider than K, c (3 rows) is not. */
    private static final int[] ROWS = {100, 50, 3, 30};

    private static FieldIA ia(int[] rows, double... values) {
        return new FieldIA(List.of("a", "b", "c", "d").subList(0, rows.length), rows, values, 4,
                Collections.nCopies(rows.length, new Spectrum(new double[]{1})), SpectrumOptions.DEFAULT);
    }

    @Test
    void heldWhenTheWideFieldsAreClearlyBelowRandom() {
        // ratios 1/4, 1.5/3.75, 1/4 over the wide fields; c is not below random (2.9 vs 2.8) but narrow
        Claim c = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1.0, 1.5, 2.9, 1.0), ia(ROWS, 4, 3.75, 2.8, 4));
        assertEquals(Verdict.HELD, c.verdict(), c.toString());
        assertEquals((0.25 + 0.4 + 0.25) / 3, c.value(), 1e-12);
        assertTrue(c.reason().contains("c (3 rows)") && c.reason().contains("below random in 3 of 3 fields"), c.reason());
    }

    @Test
    void inconclusiveWhenTheRatiosStraddleOneNotHeldWhenAboveIt() {
        Claim mixed = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1.0, 3.9, 1, 4.2), ia(ROWS, 3.8, 3.7, 2, 4));
        assertEquals(Verdict.INCONCLUSIVE, mixed.verdict(), mixed.toString());
        Claim above = SpectraClaims.learnedFarBelowRandom(ia(ROWS, 4.0, 4.0, 1, 4.1), ia(ROWS, 3.8, 3.7, 2, 3.9));
        assertEquals(Verdict.NOT_HELD, above.verdict(), above.toString());
    }

    @Test
    void inconclusiveWithFewerThanTwoFieldsWiderThanK() {
        int[] narrow = {4, 3};
        assertEquals(Verdict.INCONCLUSIVE, SpectraClaims.learnedFarBelowRandom(ia(narrow, 1, 1), ia(narrow, 3, 3)).verdict());
    }

    @Test
    void aReferenceOfAnotherShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SpectraClaims.learnedFarBelowRandom(ia(ROWS, 1, 1, 1, 1), ia(new int[]{100, 50, 4, 30}, 3, 3, 3, 3)));
    }
}
