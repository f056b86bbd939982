package org.collapselab.model;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * How much memory a model may plan for ({@link CtrModel.Builder#memoryBudget}'s default): the least of 90% of
 * physical memory and the JVM's own off-heap limits, which ND4J's arrays count against: JavaCPP's
 * {@code maxBytes} (its off-heap limit, by default {@code -Xmx}; set it with {@code -Dorg.bytedeco.javacpp.maxbytes})
 * and its {@code maxPhysicalBytes} less the heap (the whole process's limit, by default {@code maxBytes + 3·-Xmx}).
 * Without these, a model that fits physical memory but not the JVM's limits was built, trained for a while and
 * then died with JavaCPP's {@code OutOfMemoryError}, naming neither the model nor its estimate.
 *
 * @param bytes     the budget
 * @param limitedBy which limit set it, for messages
 */
public record MemoryBudget(long bytes, String limitedBy) {

    /** The budget of this JVM on this machine. */
    public static MemoryBudget detect() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long physical = os instanceof com.sun.management.OperatingSystemMXBean s ? s.getTotalMemorySize() : 0;
        return of(physical, Pointer.maxBytes(), Pointer.maxPhysicalBytes(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The least of the limits that are set (a value of 0 or less is no limit): 90% of {@code physical},
     * {@code maxBytes}, and {@code maxPhysicalBytes - heap}.
     */
    static MemoryBudget of(long physical, long maxBytes, long maxPhysicalBytes, long heap) {
        MemoryBudget b = new MemoryBudget(Long.MAX_VALUE, "no limit known");
        if (physical > 0) b = b.min((long) (physical * 0.9), "90% of physical memory (" + MemoryEstimate.gb(physical) + ")");
        if (maxBytes > 0) b = b.min(maxBytes, "JavaCPP's off-heap limit maxBytes (-Dorg.bytedeco.javacpp.maxbytes, default -Xmx)");
        if (maxPhysicalBytes > 0)
            b = b.min(Math.max(0, maxPhysicalBytes - heap), "JavaCPP's maxPhysicalBytes (" + MemoryEstimate.gb(maxPhysicalBytes)
                    + ") less the heap (" + MemoryEstimate.gb(heap) + ")");
        return b;
    }

    private MemoryBudget min(long v, String why) {
        return v < bytes ? new MemoryBudget(v, why) : this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", MemoryEstimate.gb(bytes), limitedBy);
    }
}
