package org.collapselab.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model's predicted probabilities on some rows of a dataset with those rows' labels: what paired tests between
 * runs on the same rows (DeLong's) and any later measure of a run's quality read, without the model.
 *
 * @param rows   the rows' ids in the dataset, in prediction order
 * @param scores predicted click probabilities, one per row
 * @param labels 0/1 labels, one per row
 */
public record Predictions(int[] rows, float[] scores, float[] labels) {
    public Predictions {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (rows.length != scores.length || rows.length != labels.length)
            throw new IllegalArgumentException(rows.length + " rows, " + scores.length + " scores and " + labels.length + " labels: one of each per row");
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(scores[i])) throw new IllegalArgumentException("prediction " + i + " (row " + rows[i] + ") is " + scores[i]);
            if (labels[i] != 0f && labels[i] != 1f) throw new IllegalArgumentException("label " + i + " (row " + rows[i] + ") is " + labels[i] + ", not 0 or 1");
        }
        rows = rows.clone();
        scores = scores.clone();
        labels = labels.clone();
    }

    public int size() {
        return rows.length;
    }

    /** The exact AUC ({@link Metrics#auc}). */
    public double auc() {
        return Metrics.auc(scores, labels);
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    @Override
    public float[] labels() {
        return labels.clone();
    }

    /** Refused unless {@code other} predicts the same rows in the same order with the same labels (a paired test needs it). */
    public void requireSameRows(Predictions other, String what) {
        if (!Arrays.equals(rows, other.rows) || !Arrays.equals(labels, other.labels))
            throw new IllegalArgumentException(what + ": the predictions are of different rows (" + size() + " vs " + other.size()
                    + "); a paired comparison needs the same test rows, from the same dataset and split");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && Arrays.equals(rows, p.rows) && Arrays.equals(scores, p.scores) && Arrays.equals(labels, p.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(rows) + Arrays.hashCode(scores)) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Predictions[" + size() + " rows]";
    }
}
