package org.collapselab.experiment.claim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.Correlation;

/** Fig. 9a–d (Section 5.3): why multi-embedding (ME) works, on DCNv2 at the largest scale N. */
public final class MultiEmbeddingClaims {
    private MultiEmbeddingClaims() {
    }

    /**
     * (a) Held when ME's mean IA over fields is above SE's at the same total width (ME's sets side by side).
     *
     * @param seIa IA per field of SE at N×
     * @param meIa IA per field of ME at N×, its sets side by side; the same fields in the same order
     */
    public static Claim meHasHigherIa(double[] seIa, double[] meIa) {
        checkFields("SE IA", seIa, "ME IA", meIa);
        double se = mean(seIa), me = mean(meIa);
        int higher = 0;
        for (int f = 0; f < seIa.length; f++) if (meIa[f] > seIa[f]) higher++;
        return Claim.decided("Fig. 9a: multi-embedding has higher IA than single-embedding (less collapse)", "mean IA over fields: ME − SE", me - se, "> 0",
                me > se, "SE " + Claim.number(se) + ", ME " + Claim.number(me) + "; ME higher on " + higher + " of " + seIa.length + " fields");
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
        String statement = "Fig. 9b: the embedding sets vary in IA", statistic = "mean over fields of the std of IA across sets";
        if (setIa.length < 2) {
            return Claim.inconclusive(statement, statistic, Double.NaN, "> the same for random tables", setIa.length + " set(s): nothing varies across sets");
        }
        double learned = meanSpread(setIa), random = meanSpread(randomSetIa);
        double[] setMeans = Arrays.stream(setIa).mapToDouble(MultiEmbeddingClaims::mean).toArray();
        return Claim.decided(statement, statistic, learned, "> the same for " + setIa.length + " random tables (" + Claim.number(random) + ")", learned > random,
                "mean IA per set " + String.join(", ", Arrays.stream(setMeans).mapToObj(Claim::number).toList()) + " (" + setIa[0].length + " fields)");
    }

    private static double meanSpread(double[][] ia) {
        double sum = 0;
        int fields = ia[0].length;
        for (int f = 0; f < fields; f++) {
            double[] across = new double[ia.length];
            for (int m = 0; m < ia.length; m++) across[m] = ia[m][f];
            double mu = mean(across), ss = 0;
            for (double v : across) ss += (v - mu) * (v - mu);
            sum += Math.sqrt(ss / (across.length - 1));
        }
        return sum / fields;
    }

    /**
     * (c) Held when ME's sets learn different interaction patterns: the mean Pearson correlation over pairs of sets of
     * their F×F matrices ||W^(m)_{i→j}||_F (first cross layer) is below that of the divergence-restricted model, whose
     * penalty pulls the patterns together. Inconclusive with fewer than two sets, or when a pattern is constant.
     *
     * @param meNorms         per set of ME at N×, {@code [i][j]} = ||W_{i→j}||_F
     * @param restrictedNorms the same for divergence-restricted ME at N×
     */
    public static Claim setsLearnDifferentPatterns(List<double[][]> meNorms, List<double[][]> restrictedNorms) {
        String statement = "Fig. 9c: the sets' interaction layers learn different patterns",
                statistic = "mean correlation between the sets' ||W_i→j||_F patterns (1: the same)";
        double me = meanPatternCorrelation("ME", meNorms), restricted = meanPatternCorrelation("restricted ME", restrictedNorms);
        String rule = "< the divergence-restricted model's (" + Claim.number(restricted) + ")";
        if (meNorms.size() < 2 || restrictedNorms.size() < 2)
            return Claim.inconclusive(statement, statistic, Double.NaN, rule, "fewer than two sets: no pair of patterns to compare");
        if (Double.isNaN(me) || Double.isNaN(restricted))
            return Claim.inconclusive(statement, statistic, me, rule, "a set's pattern is constant: its correlation is undefined");
        return Claim.decided(statement, statistic, me, rule, me < restricted, meNorms.size() + " sets; ME " + Claim.number(me) + " vs restricted "
                + Claim.number(restricted));
    }

    /** Mean Pearson correlation of the flattened matrices over all pairs; NaN with fewer than two or a constant one. */
    private static double meanPatternCorrelation(String what, List<double[][]> norms) {
        Objects.requireNonNull(norms, what);
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < norms.size(); a++) {
            checkSquare(what + " set " + a, norms.get(a), norms.get(0).length);
            for (int b = a + 1; b < norms.size(); b++) {
                sum += Correlation.pearson(flatten(norms.get(a)), flatten(norms.get(b)));
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
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
     * (d) Held when divergence-restricted ME's mean test AUC at N× is below plain ME's: restricting the sets' pattern
     * divergence takes away ME's gains.
     *
     * @param scale         N
     * @param meAuc         ME's test AUC at N×, one per seed
     * @param restrictedAuc divergence-restricted ME's, one per seed
     */
    public static Claim restrictionTakesAwayGains(int scale, double[] meAuc, double[] restrictedAuc) {
        Objects.requireNonNull(meAuc, "meAuc");
        Objects.requireNonNull(restrictedAuc, "restrictedAuc");
        if (meAuc.length == 0 || restrictedAuc.length == 0) throw new IllegalArgumentException("no test AUC of ME or restricted ME at " + scale + "×");
        checkFinite("ME test AUC", meAuc);
        checkFinite("restricted ME test AUC", restrictedAuc);
        double me = mean(meAuc), restricted = mean(restrictedAuc);
        return Claim.decided("Fig. 9d: restricting the divergence of the sets' patterns takes away ME's gains", "test AUC at " + scale + "×: restricted ME − ME",
                restricted - me, "< 0", restricted < me, "ME " + Claim.number(me) + ", restricted " + Claim.number(restricted) + "; "
                        + PerScale.seeds(Math.min(meAuc.length, restrictedAuc.length)));
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
