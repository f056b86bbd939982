package org.collapselab.nn;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The OpenMP threads ND4J's native ops (and its BLAS) use in this JVM. The count changes the order of their sums,
 * so a run's last digits depend on it (a small DCNv2 run: test AUC 0.6475999 with 1 thread, 0.6473867 with 2, every
 * time); training therefore sets it from its configuration, and it is part of a run's identity. The setting is
 * process-wide: trainings running at the same time in one JVM must ask for the same count.
 */
public final class Threads {
    private static volatile Integer configured;

    private Threads() {}

    /** The count this JVM started with (OMP_NUM_THREADS, else ND4J's default), read once: the default of a training. */
    public static int configured() {
        Integer c = configured;
        if (c == null) configured = c = current();
        return c;
    }

    /** The count in force now. */
    public static int current() {
        Nd4j.getBackend();    // loads the natives, which NativeOpsHolder needs loaded
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** Makes ND4J's native ops and BLAS use {@code n} threads from now on (Environment.setMaxThreads does not reach OpenMP in M2.1). */
    public static void use(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        configured();    // remember the starting count before the first change
        if (current() == n) return;
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }
}
