package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.collapselab.analysis.stats.Interval;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ClaimTest {
    private static Interval around(double estimate, double half) {
        return new Interval(estimate, estimate - half, estimate + half, 0.95, "planted");
    }

    @Test
    void numbersShowFourSignificantDigits() {
        assertEquals("0.7103", Claim.number(0.7102773817318331));
        assertEquals("0.0003142", Claim.number(0.000314159));
        assertEquals("0", Claim.number(0));
        assertEquals("–", Claim.number(Double.NaN));
        assertEquals("+0.0003", Claim.signed(0.0003));
    }

    @Test
    void aRuleHoldsOnlyWhenTheWholeIntervalIsOnItsSide() {
        Rule above = Rule.above(0.001);
        assertEquals(Verdict.HELD, above.judge(around(0.01, 0.005)));
        assertEquals(Verdict.NOT_HELD, above.judge(around(-0.01, 0.005)));
        assertEquals(Verdict.INCONCLUSIVE, above.judge(around(0.0004, 0.0031)));    // issue 25's Fig. 9d case
        Rule below = Rule.below(0);
        assertEquals(Verdict.HELD, below.judge(around(-0.01, 0.005)));
        assertEquals(Verdict.NOT_HELD, below.judge(around(0.01, 0.005)));
        assertEquals(Verdict.INCONCLUSIVE, below.judge(around(0.0004, 0.0031)));
        assertEquals(Verdict.NOT_HELD, below.judge(Interval.exact(0, "exact")), "an exact value on the threshold is not below it");
        assertEquals("< +0.001", Rule.below(0.001).toString());
    }

    @Test
    void severalPartsHoldTogetherFailOnOneAndOtherwiseCannotTell() {
        Evidence held = new Evidence("a", around(1, 0.5), Rule.above(0)), open = new Evidence("b", around(0.1, 0.5), Rule.above(0)),
                failed = new Evidence("c", around(-1, 0.5), Rule.above(0));
        assertEquals(Verdict.HELD, Claim.judge("s", List.of(held, held), "").verdict());
        Claim mixed = Claim.judge("s", List.of(held, open), "ctx");
        assertEquals(Verdict.INCONCLUSIVE, mixed.verdict());
        assertEquals("b", mixed.statistic(), "the part that decides is shown");
        assertTrue(mixed.reason().contains("the interval contains 0, so the data cannot resolve > 0") && mixed.reason().endsWith("ctx"), mixed.reason());
        Claim no = Claim.judge("s", List.of(open, failed, held), "");
        assertEquals(Verdict.NOT_HELD, no.verdict());
        assertEquals(-1, no.value(), 0);
    }

    @Test
    void aClaimIsValidatedInOnePlace() {
        Evidence held = new Evidence("a", around(1, 0.5), Rule.above(0));
        var e = assertThrows(IllegalArgumentException.class, () -> new Claim("c", "s", "> 0", List.of(held), Verdict.NOT_HELD, "r"));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Claim(" ", "s", "> 0", List.of(held), Verdict.HELD, "r"));
        assertThrows(IllegalArgumentException.class, () -> new Claim("c", "s", "> 0", List.of(), Verdict.HELD, "r"));
        Claim open = Claim.undecidable("c", "s", "> 0", "one size");
        assertFalse(open.held());
        assertEquals("–", open.displayValue());
        assertEquals("–", open.displayInterval());
    }

    @Test
    void theTableHasOneRoundedRowPerClaim() {
        List<Claim> claims = List.of(Claim.judge("Fig. 5: a", List.of(new Evidence("gain", new Interval(0.0123456, 0.0101, 0.0145, 0.95, "t over 9 fields"),
                Rule.above(0))), "higher"), Claim.undecidable("Fig. 6: b", "change", "< 0", "one size"));
        Table t = ClaimTable.of("claims", claims);
        assertEquals(List.of(ClaimTable.STATEMENT, ClaimTable.STATISTIC, ClaimTable.VALUE, ClaimTable.INTERVAL, ClaimTable.TEST, ClaimTable.THRESHOLD,
                ClaimTable.VERDICT, ClaimTable.REASON), t.columnNames());
        assertEquals(List.of("Fig. 5: a", "gain", "+0.0123", "[+0.0101, +0.0145]", "t over 9 fields (95%)", "> 0", "held"), row(t, 0).subList(0, 7));
        assertEquals(List.of("Fig. 6: b", "change", "–", "–", "–", "< 0", "inconclusive", "one size"), row(t, 1));
    }

    private static List<String> row(Table t, int r) {
        return t.columnNames().stream().map(n -> t.stringColumn(n).get(r)).toList();
    }
}
