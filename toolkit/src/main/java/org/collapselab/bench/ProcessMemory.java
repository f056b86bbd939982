package org.collapselab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's memory as Linux reports it ({@code /proc/self/status}) and as the heap's pools do, for benchmarks.
 * ND4J keeps its arrays off-heap and the dataset cache is memory-mapped, so the resident set is split into its
 * anonymous part (heap, ND4J, native buffers) and its file-backed part (mapped files, which the kernel may drop).
 */
final class ProcessMemory {
    private ProcessMemory() {}

    /** A value in kB from /proc/self/status (e.g. VmHWM), in bytes; -1 where there is no such file. */
    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith(key + ":")) return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The heap pools' peak use summed (each pool's own peak, so an upper bound of the heap's peak). */
    static long heapPoolPeaks() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        return s;
    }

    /**
     * The heap still reachable now: used after a full collection ({@code System.gc()}, which HotSpot's collectors
     * honour unless {@code -XX:+DisableExplicitGC}). The pools' after-collection usage is no substitute: G1 updates
     * its old generation's only when that is collected, so it reads 0 or stale values.
     */
    static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Peaks of one phase: VmHWM is restarted from the current resident set ({@code /proc/self/clear_refs}, as
     * Linux allows a process for itself) and the heap pools' peaks are reset; a daemon thread samples the
     * anonymous resident set every 50 ms.
     */
    static final class Phase implements AutoCloseable {
        private final Thread sampler;
        private volatile boolean running = true;
        private volatile long peakAnon;
        final boolean hwmReset;

        Phase() {
            boolean reset;
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                reset = true;
            } catch (IOException | RuntimeException e) {
                reset = false;    // VmHWM then covers the process's life so far
            }
            hwmReset = reset;
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler = new Thread(() -> {
                while (running) {
                    peakAnon = Math.max(peakAnon, status("RssAnon"));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** Peak resident set (VmHWM) since this phase began, bytes. */
        long peakRss() {
            return status("VmHWM");
        }

        /** Largest anonymous resident set sampled, bytes. */
        long peakAnon() {
            return Math.max(peakAnon, status("RssAnon"));
        }

        /**
         * One line, {@code peak RSS 1,234 MB (anonymous 1,000 MB), heap: peak 800 MB, live at the end 300 MB}, the
         * last after a full collection ({@link #liveHeap()}).
         */
        String summary() {
            String peaks = String.format(java.util.Locale.ROOT, "peak RSS %,.0f MB%s (anonymous %,.0f MB), heap: peak %,.0f MB", peakRss() / 1e6,
                    hwmReset ? "" : " (since the JVM started)", peakAnon() / 1e6, heapPoolPeaks() / 1e6);
            return peaks + String.format(java.util.Locale.ROOT, ", live at the end %,.0f MB", liveHeap() / 1e6);
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
        }
    }
}
