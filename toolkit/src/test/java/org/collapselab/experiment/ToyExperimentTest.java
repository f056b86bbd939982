package org.collapselab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ToyExperimentTest {
    @Test
    void interactingWithASmallFieldCollapsesE1() {
        Table t = new ToyExperiment(500, 10, 50, 0).run();
        assertEquals(11, t.rowCount());
        assertEquals(500, t.intColumn("iteration").get(10));
        double small0 = t.doubleColumn("D3=3").get(0), large0 = t.doubleColumn("D3=100").get(0);
        double small = t.doubleColumn("D3=3").get(10), large = t.doubleColumn("D3=100").get(10);
        assertTrue(small < large - 0.5, "IA(E1) after 500 steps: D3=3 " + small + " vs D3=100 " + large);
        assertTrue(small < small0 - 0.5, "D3=3 loses information abundance: " + small0 + " -> " + small);
        assertTrue(Math.abs(large - large0) < 0.5, "D3=100 keeps it: " + large0 + " -> " + large);
    }

    @Test
    void sameSeedSameTrajectory() {
        ToyExperiment e = new ToyExperiment(40, 6, 10, 3);
        assertEquals(e.run().print(), e.run().print());
        assertTrue(!e.run().print().equals(new ToyExperiment(40, 6, 10, 4).run().print()));
    }
}
