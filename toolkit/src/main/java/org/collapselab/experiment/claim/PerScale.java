package org.collapselab.experiment.claim;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Per-size inputs of the size claims ({@link EvidenceIIIClaims}, {@link EvidenceIVClaims}, {@link ScalingClaims}): a
 * map from the scale factor n to one value per seed, validated and ordered by scale.
 */
public final class PerScale {
    /** Columns {@link #of(Table, String, String)} reads. */
    public static final String VARIANT = "variant", SCALE = "scale";

    private PerScale() {
    }

    /**
     * One variant's values of {@code column} per scale, one per seed (row order), from a table with columns
     * {@link #VARIANT} (text), {@link #SCALE} (a number) and {@code column} (a number): a size sweep's run table.
     */
    public static SortedMap<Integer, double[]> of(Table runs, String variant, String column) {
        Objects.requireNonNull(runs, "runs");
        Table v = runs.where(runs.stringColumn(VARIANT).isEqualTo(variant));
        if (v.rowCount() == 0) throw new IllegalArgumentException("table '" + runs.name() + "' has no rows of variant '" + variant + "'");
        NumericColumn<?> scale = v.numberColumn(SCALE);
        SortedMap<Integer, double[]> out = new TreeMap<>();
        for (double s : Arrays.stream(scale.asDoubleArray()).distinct().sorted().toArray()) {
            if (s != Math.rint(s)) throw new IllegalArgumentException("table '" + runs.name() + "': scale " + s + " is not a whole number");
            out.put((int) s, v.where(scale.isEqualTo(s)).numberColumn(column).asDoubleArray());
        }
        return checked(variant + " " + column, out);
    }

    /**
     * A copy ordered by scale, refused with a message naming {@code what} when it is empty, a scale is below 1, a
     * scale has no value or a value is not finite.
     */
    static SortedMap<Integer, double[]> checked(String what, Map<Integer, double[]> values) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) throw new IllegalArgumentException(what + ": no sizes");
        SortedMap<Integer, double[]> out = new TreeMap<>();
        values.forEach((n, v) -> {
            if (n == null || n < 1) throw new IllegalArgumentException(what + ": scale " + n + " must be >= 1");
            if (v == null || v.length == 0) throw new IllegalArgumentException(what + " at " + n + "×: no value");
            for (int i = 0; i < v.length; i++)
                if (!Double.isFinite(v[i])) throw new IllegalArgumentException(what + " at " + n + "×, value " + i + ": " + v[i] + " is not finite");
            out.put(n, v.clone());
        });
        return Collections.unmodifiableSortedMap(out);
    }

    /** Refused unless both have the same scales. */
    static void sameScales(String a, Map<Integer, double[]> x, String b, Map<Integer, double[]> y) {
        if (!x.keySet().equals(y.keySet()))
            throw new IllegalArgumentException(a + " has scales " + x.keySet() + " but " + b + " has " + y.keySet());
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /** The smallest number of seeds over the sizes of all the maps. */
    @SafeVarargs
    static int fewestSeeds(Map<Integer, double[]>... maps) {
        int n = Integer.MAX_VALUE;
        for (Map<Integer, double[]> m : maps) for (double[] v : m.values()) n = Math.min(n, v.length);
        return n;
    }

    /** "means over N seeds" or "one seed, no spread measured", for reasons. */
    static String seeds(int n) {
        return n == 1 ? "one seed, so no spread is measured: the rule compares the values alone"
                : "means over " + n + " seeds";
    }
}
