package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ClaimTest {
    @Test
    void numbersShowFourSignificantDigits() {
        assertEquals("0.7103", Claim.number(0.7102773817318331));
        assertEquals("40.53", Claim.number(40.529042487));
        assertEquals("0.0003142", Claim.number(0.000314159));
        assertEquals("1235", Claim.number(1234.5678));
        assertEquals("0.5", Claim.number(0.5));
        assertEquals("0", Claim.number(0));
        assertEquals("–", Claim.number(Double.NaN));
        assertEquals("+0.0003", Claim.signed(0.0003));
        assertEquals("-0.0272", Claim.signed(-0.0272));
    }

    @Test
    void aClaimIsValidatedInOnePlace() {
        assertThrows(IllegalArgumentException.class, () -> new Claim(" ", "s", 1, "> 0", Verdict.HELD, "r"));
        assertThrows(IllegalArgumentException.class, () -> new Claim("c", "s", 1, "> 0", Verdict.HELD, ""));
        assertThrows(NullPointerException.class, () -> new Claim("c", "s", 1, "> 0", null, "r"));
        var e = assertThrows(IllegalArgumentException.class, () -> new Claim("c", "s", Double.NaN, "> 0", Verdict.NOT_HELD, "r"));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Claim("c", "s", Double.POSITIVE_INFINITY, "> 0", Verdict.INCONCLUSIVE, "r"));
        Claim open = new Claim("c", "s", Double.NaN, "> 0", Verdict.INCONCLUSIVE, "one size");
        assertFalse(open.held());
        assertEquals("–", open.displayValue());
    }

    @Test
    void theTableHasOneRoundedRowPerClaim() {
        List<Claim> claims = List.of(new Claim("Fig. 5: a", "gain", 0.123456, "> 0", Verdict.HELD, "higher"),
                new Claim("Fig. 6: b", "change", Double.NaN, "< 0", Verdict.INCONCLUSIVE, "one size"));
        Table t = ClaimTable.of("claims", claims);
        assertEquals(List.of(ClaimTable.STATEMENT, ClaimTable.STATISTIC, ClaimTable.VALUE, ClaimTable.THRESHOLD, ClaimTable.VERDICT, ClaimTable.REASON),
                t.columnNames());
        assertEquals(List.of("Fig. 5: a", "gain", "0.1235", "> 0", "held", "higher"), row(t, 0));
        assertEquals(List.of("Fig. 6: b", "change", "–", "< 0", "inconclusive", "one size"), row(t, 1));
    }

    private static List<String> row(Table t, int r) {
        return t.columnNames().stream().map(n -> t.stringColumn(n).get(r)).toList();
    }
}
