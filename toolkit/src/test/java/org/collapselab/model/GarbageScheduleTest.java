package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The collection schedule against a scripted resident set: collect on growth past the threshold, never when flat. */
class GarbageScheduleTest {
    static final long MB = 1L << 20, T = GarbageSchedule.COLLECT_ABOVE_BYTES;

    @Test
    void collectsOnlyWhenTheResidentSetGrewPastTheThresholdSinceTheLastCollection() {
        AtomicLong rss = new AtomicLong(900 * MB);
        // a collection frees everything above 1000 MB
        GarbageSchedule s = new GarbageSchedule(rss::get, () -> rss.set(Math.min(rss.get(), 1000 * MB)));
        for (int i = 0; i < 100; i++) s.afterStep();          // steady state: no garbage, no collection
        assertEquals(0, s.collections());
        rss.addAndGet(T - MB);
        s.afterStep();
        assertEquals(0, s.collections(), "just under the threshold");
        rss.addAndGet(MB);
        s.afterStep();
        assertEquals(1, s.collections(), "at the threshold");
        assertEquals(1000 * MB, rss.get());
        rss.addAndGet(T - 100 * MB);                           // measured from the level after the collection (1000 MB)
        s.afterStep();
        assertEquals(1, s.collections());
        rss.addAndGet(100 * MB);
        s.afterStep();
        assertEquals(2, s.collections());
    }

    @Test
    void memoryReturnedToTheSystemLowersTheLevel() {
        AtomicLong rss = new AtomicLong(2000 * MB);
        GarbageSchedule s = new GarbageSchedule(rss::get, () -> {});
        s.afterStep();
        rss.set(1000 * MB);
        s.afterStep();
        rss.set(1000 * MB + T);
        s.afterStep();
        assertEquals(1, s.collections(), "growth is counted from the lower level");
    }
}
