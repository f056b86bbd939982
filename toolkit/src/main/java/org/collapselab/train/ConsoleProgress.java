package org.collapselab.train;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.collapselab.data.Progress;

/**
 * Progress as plain lines on a terminal: for each task, at most one line every {@link #EVERY_NANOS} while it runs
 * (done of total, rate, the detail such as the running loss) and one when it ends.
 * What {@link Trainer} shows by default when the JVM has a console; notebooks use their own progress bar.
 */
public final class ConsoleProgress implements Progress {
    /** At most one line per task every 5 s. */
    public static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final LongSupplier clock;
    private final Map<String, long[]> tasks = new HashMap<>();    // task -> {start, last line, done}

    public ConsoleProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        update(task, done, total, "");
    }

    @Override
    public synchronized void update(String task, long done, long total, String detail) {
        long now = clock.getAsLong();
        long[] t = tasks.computeIfAbsent(task, k -> new long[] {now, now, 0});
        t[2] = done;
        if (now - t[1] < EVERY_NANOS) return;
        t[1] = now;
        out.println(line(task, t, done, total, now) + (detail == null || detail.isEmpty() ? "" : "  " + detail));
    }

    @Override
    public synchronized void done(String task) {
        long[] t = tasks.remove(task);
        if (t == null) return;
        long now = clock.getAsLong();
        out.println(String.format(Locale.ROOT, "%s: done, %,d in %.1f s", task, t[2], (now - t[0]) / 1e9));
    }

    private static String line(String task, long[] t, long done, long total, long now) {
        double seconds = (now - t[0]) / 1e9;
        return String.format(Locale.ROOT, "%s: %,d%s, %,.0f/s", task, done, total > 0 ? String.format(Locale.ROOT, " of %,d", total) : "",
                seconds > 0 ? done / seconds : 0.0);
    }
}
