package org.collapselab.paper.claim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.Correlation;
import org.collapselab.analysis.stats.Intervals;
import org.collapselab.train.Predictions;

/** Fig. 9a–d (Section 5.3): why multi-embedding (ME) works, on DCNv2 at the largest scale N. */
public final class MultiEmbeddingClaims {
    private MultiEmbeddingClaims() {
    }

    /**
     * (a) Held when ME's IA is above SE's at the same total width (ME's sets side by side): the mean over fields of
     * ME − SE with a paired t-interval over fields above 0.
     *
     * @param seIa IA per field of SE at N×
     * @param meIa IA per field of ME at N×, its sets side by side; the same fields in the same order
     */
    public static Claim meHasHigherIa(double[] seIa, double[] meIa) {
        checkFields("SE IA", seIa, "ME IA", meIa);
        int higher = 0;
        for (int f = 0; f < seIa.length; f++) if (meIa[f] > seIa[f]) higher++;
        return Claim.judge("Fig. 9a: multi-embedding has higher IA than single-embedding (less collapse)", List.of(new Evidence(
                "IA: ME − SE, mean over fields", Comparisons.fields("ME vs SE IA", new double[][] {meIa}, new double[][] {seIa}), Rule.above(0))),
                "SE " + Claim.number(mean(seIa)) + ", ME " + Claim.number(mean(meIa)) + "; ME higher on " + higher + " of " + seIa.length + " fields");
    }

    /**
     * (b) Held when the IA of a field varies more across ME's embedding sets than across as many random (Xavier) tables of
     * the same shape: the mean over fields of the sample standard deviation across sets, learned against random. Random
     * tables of one shape have nearly the same IA, so the reference is the spread that initialisation alone gives.
     * Inconclusive with one set.
     *
     * @param setIa       {@code [m][f]}: IA of field f in set m's own table
     * @param randomSetIa the same for one random table per set (different seeds), same shape
     */
    public static Claim setsVaryInIa(double[][] setIa, double[][] randomSetIa) {
        Objects.requireNonNull(setIa, "setIa");
        Objects.requireNonNull(randomSetIa, "randomSetIa");
        if (setIa.length != randomSetIa.length)
            throw new IllegalArgumentException(setIa.length + " sets but " + randomSetIa.length + " random tables; give one per set");
        for (int m = 0; m < setIa.length; m++) {
            checkFields("set " + m + " IA", setIa[m], "set 0 IA", setIa[0]);
            checkFields("random table " + m + " IA", randomSetIa[m], "set 0 IA", setIa[0]);
        }
        String statement = "Fig. 9b: the embedding sets vary in IA", statistic = "std of IA across sets: learned − random, mean over fields";
        if (setIa.length < 2) return Claim.undecidable(statement, statistic, "> 0", setIa.length + " set(s): nothing varies across sets");
        double[] setMeans = Arrays.stream(setIa).mapToDouble(MultiEmbeddingClaims::mean).toArray();
        return Claim.judge(statement, List.of(new Evidence(statistic, Intervals.pairedMean(spreads(setIa), spreads(randomSetIa), Thresholds.LEVEL, "fields"),
                Rule.above(0))), "mean IA per set " + String.join(", ", Arrays.stream(setMeans).mapToObj(Claim::number).toList()) + " against "
                + setIa.length + " random tables of the same shape");
    }

    /** Per field, the sample standard deviation of IA across sets. */
    private static double[] spreads(double[][] ia) {
        double[] out = new double[ia[0].length];
        for (int f = 0; f < out.length; f++) {
            double[] across = new double[ia.length];
            for (int m = 0; m < ia.length; m++) across[m] = ia[m][f];
            double mu = mean(across), ss = 0;
            for (double v : across) ss += (v - mu) * (v - mu);
            out[f] = Math.sqrt(ss / (across.length - 1));
        }
        return out;
    }

    /**
     * (c) Held when ME's sets learn different interaction patterns: the Pearson correlations over pairs of sets of their
     * F×F matrices ||W^(m)_{i→j}||_F (first cross layer) are lower, on average, than those of the divergence-restricted
     * model, whose penalty pulls the patterns together: Welch's interval of the difference of the mean correlations
     * below 0 (pairs share sets, so it is approximate). Inconclusive with fewer than three sets (one pair has no spread),
     * or when a pattern is constant.
     *
     * @param meNorms         per set of ME at N×, {@code [i][j]} = ||W_{i→j}||_F
     * @param restrictedNorms the same for divergence-restricted ME at N×
     */
    public static Claim setsLearnDifferentPatterns(List<double[][]> meNorms, List<double[][]> restrictedNorms) {
        String statement = "Fig. 9c: the sets' interaction layers learn different patterns",
                statistic = "correlation between the sets' ||W_i→j||_F patterns (1: the same): ME − restricted, mean over pairs of sets";
        double[] me = pairCorrelations("ME", meNorms), restricted = pairCorrelations("restricted ME", restrictedNorms);
        if (me.length < 2 || restricted.length < 2)
            return Claim.undecidable(statement, statistic, "< 0", meNorms.size() + " set(s): fewer than two pairs of patterns, so no spread to judge by");
        if (Arrays.stream(me).anyMatch(Double::isNaN) || Arrays.stream(restricted).anyMatch(Double::isNaN))
            return Claim.undecidable(statement, statistic, "< 0", "a set's pattern is constant: its correlation is undefined");
        return Claim.judge(statement, List.of(new Evidence(statistic, Intervals.welch(me, restricted, Thresholds.LEVEL, "pairs of sets"), Rule.below(0))),
                meNorms.size() + " sets; mean correlation ME " + Claim.number(mean(me)) + ", restricted " + Claim.number(mean(restricted)));
    }

    /** Pearson correlation of the flattened matrices for every pair of sets. */
    private static double[] pairCorrelations(String what, List<double[][]> norms) {
        Objects.requireNonNull(norms, what);
        List<Double> out = new java.util.ArrayList<>();
        for (int a = 0; a < norms.size(); a++) {
            checkSquare(what + " set " + a, norms.get(a), norms.get(0).length);
            for (int b = a + 1; b < norms.size(); b++) out.add(Correlation.pearson(flatten(norms.get(a)), flatten(norms.get(b))));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void checkSquare(String what, double[][] m, int f) {
        if (m.length != f) throw new IllegalArgumentException(what + ": " + m.length + " rows, expected " + f);
        for (int i = 0; i < f; i++) {
            if (m[i].length != f) throw new IllegalArgumentException(what + ", row " + i + ": " + m[i].length + " values, expected " + f);
            for (int j = 0; j < f; j++)
                if (!Double.isFinite(m[i][j])) throw new IllegalArgumentException(what + " [" + i + "][" + j + "] = " + m[i][j] + " is not finite");
        }
    }

    private static double[] flatten(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * (d) Held when divergence-restricted ME's test AUC at N× is below plain ME's, the paired interval below 0:
     * restricting the sets' pattern divergence takes away ME's gains.
     *
     * @param scale      N
     * @param me         ME's test predictions at N×, one run per seed
     * @param restricted divergence-restricted ME's, the same seeds in the same order
     */
    public static Claim restrictionTakesAwayGains(int scale, List<Predictions> me, List<Predictions> restricted) {
        return Claim.judge("Fig. 9d: restricting the divergence of the sets' patterns takes away ME's gains", List.of(new Evidence(
                "test AUC at " + scale + "×: restricted ME − ME", Comparisons.auc("restricted ME vs ME", restricted, me), Rule.below(0))),
                "ME " + Claim.number(PerScale.meanAuc(me)) + ", restricted " + Claim.number(PerScale.meanAuc(restricted)) + "; " + PerScale.seeds(me.size()));
    }

    private static void checkFields(String a, double[] x, String b, double[] y) {
        Objects.requireNonNull(x, a);
        Objects.requireNonNull(y, b);
        if (x.length == 0) throw new IllegalArgumentException(a + ": no fields");
        if (x.length != y.length) throw new IllegalArgumentException(a + " has " + x.length + " fields but " + b + " has " + y.length);
        checkFinite(a, x);
    }

    private static void checkFinite(String what, double[] v) {
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) throw new IllegalArgumentException(what + ", value " + i + ": " + v[i] + " is not finite");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
