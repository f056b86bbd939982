package org.collapselab.train;

import org.collapselab.model.CtrModel;

/**
 * Hooks into training: every step (for progress) and every epoch (for tracking, e.g. IA per field over epochs).
 * Methods run on the training thread; keep them cheap or copy what you need.
 */
public interface TrainingListener {
    /** After each training step; {@code loss} is the batch loss. */
    default void onStep(int epoch, long step, double loss) {}

    /** After each epoch's validation, with the model as it is after that epoch (not yet restored to the best). */
    default void onEpoch(EpochResult result, CtrModel model) {}
}
