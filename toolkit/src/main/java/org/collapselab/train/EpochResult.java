package org.collapselab.train;

/**
 * One epoch of training: mean training loss over its steps, validation AUC and log loss, and wall time.
 *
 * @param epoch      1-based
 * @param trainLoss  mean training log loss (BCE) over the epoch's batches, each before its update; regularisers excluded
 * @param validAuc   validation AUC after the epoch
 * @param validLogloss validation log loss after the epoch
 * @param seconds    wall time of the epoch including evaluation
 */
public record EpochResult(int epoch, double trainLoss, double validAuc, double validLogloss, double seconds) {}
