package org.collapselab.paper.claim;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.train.Predictions;

/**
 * Per-size inputs of the size claims ({@link EvidenceIIIClaims}, {@link EvidenceIVClaims}, {@link ScalingClaims}): maps
 * from the scale factor n to one entry per seed (a run's test predictions, or IA per field {@code [seed][field]}),
 * validated and ordered by scale.
 */
final class PerScale {
    private PerScale() {
    }

    /** A copy ordered by scale, refused with a message naming {@code what} when it is empty, a scale is below 1 or has no run. */
    static SortedMap<Integer, List<Predictions>> runs(String what, Map<Integer, List<Predictions>> values) {
        return checked(what, values, List::size);
    }

    /** The same for IA per seed and field. */
    static SortedMap<Integer, double[][]> ia(String what, Map<Integer, double[][]> values) {
        return checked(what, values, v -> v.length);
    }

    private static <T> SortedMap<Integer, T> checked(String what, Map<Integer, T> values, java.util.function.ToIntFunction<T> seeds) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) throw new IllegalArgumentException(what + ": no sizes");
        SortedMap<Integer, T> out = new TreeMap<>();
        values.forEach((n, v) -> {
            if (n == null || n < 1) throw new IllegalArgumentException(what + ": scale " + n + " must be >= 1");
            if (v == null || seeds.applyAsInt(v) == 0) throw new IllegalArgumentException(what + " at " + n + "×: no run");
            out.put(n, v);
        });
        return Collections.unmodifiableSortedMap(out);
    }

    /** Refused unless both have the same scales. */
    static void sameScales(String a, Map<Integer, ?> x, String b, Map<Integer, ?> y) {
        if (!x.keySet().equals(y.keySet()))
            throw new IllegalArgumentException(a + " has scales " + x.keySet() + " but " + b + " has " + y.keySet());
    }

    /** Mean test AUC over a scale's runs. */
    static double meanAuc(List<Predictions> runs) {
        return runs.stream().mapToDouble(Predictions::auc).average().orElseThrow();
    }

    /** "one seed: the interval covers the test sample only" or "3 seeds: the intervals cover seeds and the test sample". */
    static String seeds(int n) {
        return n == 1 ? "one seed: the interval covers the test sample only, not the spread over seeds"
                : n + " seeds: the intervals cover the spread over seeds and the test sample";
    }
}
