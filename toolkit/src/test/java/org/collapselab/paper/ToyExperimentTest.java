package org.collapselab.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.collapselab.paper.claim.Verdict;
import org.collapselab.run.Computation;
import org.collapselab.run.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ToyExperimentTest {
    @Test
    void interactingWithASmallFieldCollapsesE1() {
        ToyExperiment.Result r = new ToyExperiment(500, 10, 50, 0).compute();
        Table t = r.table();
        assertEquals(11, t.rowCount());
        assertEquals(500, t.intColumn("iteration").get(10));
        double small0 = t.doubleColumn("D3=3").get(0), large0 = t.doubleColumn("D3=100").get(0);
        double small = t.doubleColumn("D3=3").get(10), large = t.doubleColumn("D3=100").get(10);
        assertTrue(small < large - 0.5, "IA(E1) after 500 steps: D3=3 " + small + " vs D3=100 " + large);
        assertTrue(small < small0 - 0.5, "D3=3 loses information abundance: " + small0 + " -> " + small);
        assertTrue(Math.abs(large - large0) < 0.5, "D3=100 keeps it: " + large0 + " -> " + large);
        assertEquals(Verdict.HELD, r.claims().get(0).verdict());
    }

    @Test
    void sameSeedSameTrajectory() {
        ToyExperiment e = new ToyExperiment(40, 6, 10, 3);
        assertArrayEquals(e.compute().small(), e.compute().small(), 0);
        assertNotEquals(e.compute().table().print(), new ToyExperiment(40, 6, 10, 4).compute().table().print());
    }

    /** A toy that counts how often it is computed. */
    private static final class Counted implements Computation<ToyExperiment.Result> {
        final ToyExperiment toy;
        int computed;

        Counted(ToyExperiment toy) {
            this.toy = toy;
        }

        @Override
        public SortedMap<String, String> identity() {
            return toy.identity();
        }

        @Override
        public ToyExperiment.Result compute() {
            computed++;
            return toy.compute();
        }

        @Override
        public String encode(ToyExperiment.Result r) {
            return toy.encode(r);
        }

        @Override
        public ToyExperiment.Result decode(String text) {
            return toy.decode(text);
        }
    }

    @Test
    void theRunStoreKeepsTheResultByEveryInputAndRecomputesADamagedOne(@TempDir Path tmp) throws Exception {
        Counted toy = new Counted(new ToyExperiment(40, 6, 10, 3));
        ToyExperiment.Result first = new RunStore(tmp).obtain(toy), again = new RunStore(tmp).obtain(toy);
        assertEquals(1, toy.computed, "the second call reads the store");
        assertArrayEquals(first.small(), again.small(), 0);
        assertArrayEquals(first.large(), again.large(), 0);
        assertArrayEquals(first.iterations(), again.iterations());
        // every component is part of the identity: another seed, K or length is another result
        for (ToyExperiment other : java.util.List.of(new ToyExperiment(40, 6, 10, 4), new ToyExperiment(40, 7, 10, 3), new ToyExperiment(50, 6, 10, 3),
                new ToyExperiment(40, 6, 5, 3)))
            assertNotEquals(toy.identity(), other.identity(), other.toString());
        Path file;
        try (var s = Files.list(tmp)) {
            file = s.filter(p -> p.toString().endsWith(".computed")).findFirst().orElseThrow();
        }
        Files.writeString(file, Files.readString(file).replaceFirst("\n0,", "\n1,"));    // edited: its seal no longer matches
        new RunStore(tmp).obtain(toy);
        assertEquals(2, toy.computed, "a damaged result is computed again");
    }
}
