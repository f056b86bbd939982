package org.collapselab.model;

import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/**
 * When a model runs a full garbage collection between steps. ND4J frees an array's native buffer only when the Java
 * GC collects its INDArray, and a step allocates little on the heap, so collections are rare and a step's native
 * garbage can pile up (xDeepFM SE 1× at batch 2048 peaked at 7.2 GB in one run, 12.4 GB in another, before CIN stopped
 * materialising its products). The model closes the arrays it owns, and the graph gives the arrays SameDiff leaves
 * behind back to its sessions' array pool ({@code nn.Leftovers}, {@code nn.ArrayPool}), so a step at steady state
 * leaves next to nothing; this schedule is the safety net for what is left (e.g. a first step's, or a new batch
 * size's, arrays that the pool cannot hold). It measures instead of
 * estimating: after a step it reads the process's resident set (JavaCPP's {@link Pointer#physicalBytes}, cheap on
 * every platform it supports) and collects once that grew {@link #COLLECT_ABOVE_BYTES} past its level after the last
 * collection. The peak stays within that much, plus the garbage of the step that crosses it, of the steady state
 * ({@link MemoryEstimate} counts both; at 512 MB, FinalMLP ME 1× peaked 130 MB above its estimate), and a model whose
 * steps leave no garbage never pays for a collection (each takes 20-40 ms: with a fixed allocation estimate, 17% of a DNN SE 1× inference step).
 */
final class GarbageSchedule {
    /** Growth of the resident set, since the last collection, that triggers the next. */
    static final long COLLECT_ABOVE_BYTES = 256L << 20;

    private final LongSupplier resident;
    private final Runnable collect;
    private long level = -1;
    private int collections;

    GarbageSchedule(LongSupplier resident, Runnable collect) {
        this.resident = resident;
        this.collect = collect;
    }

    /** The schedule of this process: its resident set, {@link System#gc}. */
    static GarbageSchedule ofProcess() {
        return new GarbageSchedule(Pointer::physicalBytes, System::gc);
    }

    /** Called after every step: collects if the resident set grew past the threshold since the last collection. */
    void afterStep() {
        long now = resident.getAsLong();
        if (level < 0 || now < level) level = now;     // the first step, or memory returned to the system
        else if (now - level >= COLLECT_ABOVE_BYTES) {
            collect.run();
            collections++;
            level = resident.getAsLong();
        }
    }

    /** Collections run so far. */
    int collections() {
        return collections;
    }
}
