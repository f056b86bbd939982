package org.collapselab.analysis;

import java.util.ArrayList;
import java.util.List;
import org.collapselab.interaction.CrossNetV2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Fig. 9 measures of a multi-embedding model's interaction: the field-pair norms of a set's cross layer, and how
 * much those patterns differ across sets.
 */
public final class SetPatterns {
    private SetPatterns() {}

    /**
     * Fig. 9c: {@code n[i][j] = ||W_{i→j}||_F} of a cross layer {@code weight} ({@code [F·K, F·K]}, as
     * {@code CtrModel.crossWeight} gives it) of {@code f} fields of size {@code k}, W_{i→j} as {@link CrossNetV2#block}
     * defines it. Row i is the source field, column j the field it interacts with.
     */
    public static double[][] crossNorms(INDArray weight, int f, int k) {
        INDArray w = weight.castTo(DataType.DOUBLE);
        double[][] n = new double[f][f];
        for (int i = 0; i < f; i++) for (int j = 0; j < f; j++) n[i][j] = CrossNetV2.block(w, i, j, k).norm2Number().doubleValue();
        return n;
    }

    /**
     * The spread of the interaction patterns across sets: the mean over field pairs (i, j) of the population variance
     * over sets of ||W^(m)_{i→j}||_F² (first layer) — the quantity Fig. 9d's penalty averages over layers. 0 for one set.
     */
    public static double divergence(List<double[][]> norms) {
        int sets = norms.size(), f = norms.get(0).length;
        double total = 0;
        for (int i = 0; i < f; i++)
            for (int j = 0; j < f; j++) {
                double mean = 0, sq = 0;
                for (double[][] n : norms) mean += n[i][j] * n[i][j] / sets;
                for (double[][] n : norms) sq += Math.pow(n[i][j] * n[i][j] - mean, 2) / sets;
                total += sq;
            }
        return total / ((double) f * f);
    }

    /**
     * Mean Pearson correlation of the F×F norm matrices over all pairs of sets (1: identical patterns up to scale); NaN
     * when a pattern is constant.
     */
    public static double meanPatternCorrelation(List<double[][]> norms) {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < norms.size(); a++)
            for (int b = a + 1; b < norms.size(); b++) {
                sum += Correlation.pearson(flatten(norms.get(a)), flatten(norms.get(b)));
                pairs++;
            }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
