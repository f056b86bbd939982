package org.collapselab.notebook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.collapselab.data.Progress;

/**
 * A progress bar per task, with rate and time left: one line that updates in place in a notebook
 * (rapaio-jupyter-kernel's display update) or on a terminal (carriage return).
 * <pre>
 * encode criteo  [=========>          ]  45.2%  1,234,567/2,730,000 rows  812.3K rows/s  ETA 0:02
 * </pre>
 * Redraws at most every {@link #MIN_REDRAW_NANOS} per task so it can be called for every batch.
 */
public final class ProgressBar implements Progress {
    static final long MIN_REDRAW_NANOS = 200_000_000L;
    static final int BAR_WIDTH = 20;

    private final Frontend frontend;
    private final String unit;
    private final LongSupplier clock;
    private final Map<String, Task> tasks = new HashMap<>();

    ProgressBar(Frontend frontend, String unit, LongSupplier nanoClock) {
        this.frontend = frontend;
        this.unit = unit;
        this.clock = nanoClock;
    }

    /** A bar counting {@code unit}s (rows, samples, batches) in the current notebook or console. */
    public static ProgressBar create(String unit) {
        return new ProgressBar(Display.frontend(), unit, System::nanoTime);
    }

    /** A bar counting rows. */
    public static ProgressBar create() {
        return create("rows");
    }

    /** The task's lines name {@code unit} instead of this bar's default unit. */
    @Override
    public synchronized void start(String task, String unit) {
        Task t = new Task(clock.getAsLong(), unit);
        tasks.put(task, t);
    }

    @Override
    public void update(String task, long done, long total) {
        update(task, done, total, null);
    }

    @Override
    public synchronized void update(String task, long done, long total, String detail) {
        long now = clock.getAsLong();
        Task t = tasks.get(task);
        if (t == null) {
            t = new Task(now, unit);
            tasks.put(task, t);
        } else if (t.line != null && now - t.drawn < MIN_REDRAW_NANOS && !(total > 0 && done >= total)) {
            t.done = done;
            t.total = total;
            t.detail = detail;
            return;
        }
        t.done = done;
        t.total = total;
        t.detail = detail;
        t.drawn = now;
        String text = line(task, done, total, seconds(now - t.start), t.unit, false) + (detail == null ? "" : "  " + detail);
        if (t.line == null) t.line = frontend.liveLine(text);
        else t.line.replace(text);
    }

    @Override
    public synchronized void done(String task) {
        Task t = tasks.remove(task);
        if (t == null) return;
        String text = line(task, t.done, t.total, seconds(clock.getAsLong() - t.start), t.unit, true) + (t.detail == null ? "" : "  " + t.detail);
        if (t.line == null) t.line = frontend.liveLine(text);
        else t.line.replace(text);
        t.line.close();
    }

    /**
     * One progress line. {@code total <= 0} means unknown: no bar, no ETA. {@code finished}: the time
     * taken instead of the time left.
     */
    static String line(String task, long done, long total, double seconds, String unit, boolean finished) {
        StringBuilder b = new StringBuilder(task);
        double rate = seconds > 0 ? done / seconds : Double.NaN;
        if (total > 0) {
            double fraction = Math.min(1.0, Math.max(0.0, (double) done / total));
            int filled = (int) Math.floor(fraction * BAR_WIDTH);
            b.append("  [").append("=".repeat(filled));
            if (filled < BAR_WIDTH) b.append('>').append(" ".repeat(BAR_WIDTH - filled - 1));
            b.append("] ").append(String.format(Locale.ROOT, "%5.1f%%", 100 * fraction));
            b.append(String.format(Locale.ROOT, "  %,d/%,d %s", done, total, unit));
        } else {
            b.append(String.format(Locale.ROOT, "  %,d %s", done, unit));
        }
        b.append("  ").append(Double.isNaN(rate) ? "-" : compact(rate)).append(' ').append(unit).append("/s");
        if (finished) b.append("  done in ").append(duration(seconds));
        else if (total > 0) b.append("  ETA ").append(rate > 0 ? duration(Math.max(0, total - done) / rate) : "?");
        else b.append("  ").append(duration(seconds));
        return b.toString();
    }

    /** 950, 12.3K, 4.56M: three significant digits are plenty for a rate. */
    static String compact(double v) {
        if (v < 1_000) return String.format(Locale.ROOT, "%.0f", v);
        if (v < 1_000_000) return String.format(Locale.ROOT, "%.1fK", v / 1e3);
        if (v < 1_000_000_000) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        return String.format(Locale.ROOT, "%.2fG", v / 1e9);
    }

    /** 7.3s, 12:34, 1:02:03. */
    static String duration(double seconds) {
        if (seconds < 59.95) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        if (s < 3600) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static final class Task {
        final long start;
        final String unit;
        long drawn;
        long done;
        long total;
        String detail;
        Frontend.LiveLine line;

        Task(long start, String unit) {
            this.start = start;
            this.unit = unit;
            this.drawn = start;
        }
    }
}
