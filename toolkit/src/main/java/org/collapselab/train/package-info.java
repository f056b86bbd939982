/**
 * Training: {@link org.collapselab.train.TrainConfig} (what changes results, all of it part of a run's identity),
 * {@link org.collapselab.train.TrainContext} (what does not) and {@link org.collapselab.train.Trainer} (early stopping,
 * best-epoch restore, checkpoints, exact AUC and log loss, the kept weights' predictions).
 *
 * <p>It knows nothing of run stores or recipes: those are above it, in {@code run} and {@code paper}.
 */
package org.collapselab.train;
