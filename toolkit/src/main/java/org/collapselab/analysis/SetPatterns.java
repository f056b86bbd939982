package org.collapselab.analysis;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Fig. 9 measures of a multi-embedding model's sets: IA per field of each set, the field-pair norms of a set's
 * cross layer, and how much those interaction patterns differ across sets.
 */
public final class SetPatterns {
    private SetPatterns() {}

    /**
     * Fig. 9c: {@code n[i][j] = ||W_{i→j}||_F} of a cross layer {@code weight} ({@code [F·K, F·K]}, PyTorch orientation,
     * as {@code CtrModel.crossWeight} gives it) of {@code f} fields of size {@code k}, where W_{i→j} = W[jK:(j+1)K,
     * iK:(i+1)K]. Row i is the source field, column j the field it interacts with.
     */
    public static double[][] crossNorms(INDArray weight, int f, int k) {
        INDArray w = weight.castTo(DataType.DOUBLE);
        INDArray sq = w.mul(w).reshape('c', f, k, f, k).sum(1, 3);    // [j, i]: Σ_{a,b} W[jK+a, iK+b]²
        double[][] n = new double[f][f];
        for (int i = 0; i < f; i++) for (int j = 0; j < f; j++) n[i][j] = Math.sqrt(sq.getDouble(j, i));
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
