package org.collapselab.train;

import java.util.Arrays;

/** Exact binary classification metrics. */
public final class Metrics {
    /** Predictions are clipped to [ε, 1 − ε] for log loss, as scikit-learn does. */
    public static final double LOGLOSS_EPSILON = 1e-7;

    private Metrics() {}

    /**
     * Exact ROC AUC: the Mann–Whitney statistic with tied scores given their average rank (a tie between a
     * positive and a negative counts one half). NaN when all labels are equal.
     */
    public static double auc(float[] scores, float[] labels) {
        check(scores, labels);
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Float.compare(scores[order[j + 1]], scores[order[i]]) == 0) j++;
            double averageRank = (i + j) / 2.0 + 1;    // 1-based ranks i+1 .. j+1
            for (int t = i; t <= j; t++) if (labels[order[t]] > 0.5f) {
                rankSumPositive += averageRank;
                positives++;
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean binary cross-entropy of probabilities against 0/1 labels. */
    public static double logloss(float[] probabilities, float[] labels) {
        check(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(1 - LOGLOSS_EPSILON, Math.max(LOGLOSS_EPSILON, probabilities[i]));
            sum -= labels[i] > 0.5f ? Math.log(p) : Math.log(1 - p);
        }
        return sum / probabilities.length;
    }

    private static void check(float[] scores, float[] labels) {
        if (scores.length != labels.length) throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        if (scores.length == 0) throw new IllegalArgumentException("no predictions to score");
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) throw new IllegalArgumentException("prediction " + i + " is NaN");
            if (labels[i] != 0f && labels[i] != 1f) throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", not 0 or 1");
        }
    }
}
