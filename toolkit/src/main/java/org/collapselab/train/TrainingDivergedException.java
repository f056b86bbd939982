package org.collapselab.train;

/** The loss became NaN or infinite; the message names the step, epoch and batch. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(String message, long step) {
        super(message);
        this.step = step;
    }

    /** The 1-based global step whose loss was not finite. */
    public long step() {
        return step;
    }
}
