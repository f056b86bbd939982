package org.collapselab.model;

import java.util.EnumMap;
import java.util.Map;

/** Cumulative wall time of a model's steps per phase, for profiling (the model benchmark prints it). */
public final class StepProfile {
    /** The parts of a step that are timed. */
    public enum Phase {
        /** Looking up every set's rows and feeding them to the graph. */
        LOOKUP,
        /** SameDiff: forward, backward and the dense Adam step (training) or the forward pass (inference). */
        GRAPH,
        /** The embedding store's Adam step on every set's table. */
        STORE,
        /** The batch's loss from the watched logits. */
        LOSS,
        /** The garbage collections of {@link GarbageSchedule}. */
        GC
    }

    private final long[] nanos = new long[Phase.values().length];

    StepProfile() {}

    /** Adds the time since {@code since} to {@code phase}; returns now. */
    long add(Phase phase, long since) {
        long now = System.nanoTime();
        nanos[phase.ordinal()] += now - since;
        return now;
    }

    /** Nanoseconds per phase so far. */
    public Map<Phase, Long> totals() {
        Map<Phase, Long> m = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) m.put(p, nanos[p.ordinal()]);
        return m;
    }
}
