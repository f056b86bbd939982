package org.collapselab.data;
/** Receives progress of long work (preprocessing, training); implementations must be cheap. */
public interface Progress {
    /**
     * Work {@code task} starts and counts its progress in {@code unit} (bytes, rows); a display that names units shows
     * this one for the task instead of its own default. Optional: a task may go straight to {@link #update}.
     */
    default void start(String task, String unit) {}
    /** Work {@code task} has done {@code done} of {@code total} units ({@code total} <= 0: unknown). */
    void update(String task, long done, long total);
    /** As {@link #update(String, long, long)}, with a short detail to show beside the counts (a running loss, say). */
    default void update(String task, long done, long total, String detail) {
        update(task, done, total);
    }
    /** Work {@code task} finished. */
    default void done(String task) {}
    Progress NONE = (task, done, total) -> {};
}
