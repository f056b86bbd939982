package org.collapselab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalsTest {
    @Test
    void theTIntervalOfAMeanByHand() {
        // mean 2.5, s = √(5/3), se = s/2; t(0.975, 3) = 3.182446305
        Interval i = Intervals.mean(new double[] {1, 2, 3, 4}, 0.95, "seeds");
        assertEquals(2.5, i.estimate(), 0);
        assertEquals(3.182446305 * Math.sqrt(5 / 3.0) / 2, i.halfWidth(), 1e-8);
        assertEquals("t over 4 seeds", i.method());
        // a shared variance adds to the variance of the mean
        Interval shared = Intervals.mean(new double[] {1, 2, 3, 4}, 1.0, 0.95, "seeds");
        assertEquals(3.182446305 * Math.sqrt(5 / 3.0 / 4 + 1), shared.halfWidth(), 1e-8);
        assertThrows(IllegalArgumentException.class, () -> Intervals.mean(new double[] {1}, 0.95, "seeds"));
    }

    @Test
    void pairedIsTheMeanOfTheDifferences() {
        Interval p = Intervals.pairedMean(new double[] {2, 3, 5}, new double[] {1, 1, 2}, 0.95, "fields");
        Interval d = Intervals.mean(new double[] {1, 2, 3}, 0.95, "fields");
        assertEquals(d.lower(), p.lower(), 1e-15);
        assertEquals(d.upper(), p.upper(), 1e-15);
    }

    @Test
    void welchByHand() {
        // a: mean 2, var 1 (n 3); b: mean 5, var 4 (n 3): se² = 1/3 + 4/3; df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 2.9412
        Interval w = Intervals.welch(new double[] {1, 2, 3}, new double[] {3, 5, 7}, 0.95, "pairs");
        assertEquals(-3, w.estimate(), 1e-12);
        double df = Math.pow(5 / 3.0, 2) / (Math.pow(1 / 3.0, 2) / 2 + Math.pow(4 / 3.0, 2) / 2);
        assertEquals(Quantiles.t(0.95, df) * Math.sqrt(5 / 3.0), w.halfWidth(), 1e-12);
        assertEquals(3.1824463, Quantiles.t(0.95, 3), 1e-6);
        assertEquals(1.959964, Quantiles.normal(0.95), 1e-6);
    }

    @Test
    void spearmansIntervalNarrowsWithMoreFieldsAndStaysInRange() {
        Interval few = Intervals.spearman(0.55, 10, 0.95), many = Intervals.spearman(0.55, 100, 0.95);
        assertTrue(few.lower() < 0 && few.upper() < 1, few.toString());       // 10 fields cannot resolve ρ = 0.55
        assertTrue(many.lower() > 0.35, many.toString());
        Interval one = Intervals.spearman(1, 39, 0.95);
        assertEquals(1, one.upper(), 0);
        assertThrows(IllegalArgumentException.class, () -> Intervals.spearman(0.5, 3, 0.95));
    }

    @Test
    void anIntervalPrintsAtItsResolution() {
        Interval i = new Interval(0.0004, -0.0027, 0.0035, 0.95, "DeLong");
        assertEquals("+0.0004 [-0.0027, +0.0035] at 95% (DeLong)", i.toString());
        assertEquals("0.5312 (exact: one trajectory)", Interval.exact(0.53123, "exact: one trajectory").toString().replace("+", ""));
        assertThrows(IllegalArgumentException.class, () -> new Interval(1, 2, 3, 0.95, "m"));
    }
}
