package org.collapselab.data;

/**
 * A seeded random split of a dataset's rows into train, validation and test parts (8:1:1 by default, as the
 * paper). Each part keeps the permuted order, which is also the fixed batch order of the original code.
 */
public record Split(Rows train, Rows valid, Rows test) {

    /** The paper's split: 80% train, 10% validation, the rest test. */
    public static Split of(int rows, long seed) {
        return of(rows, SplitSpec.seeded(seed));
    }

    /** The split {@code spec} describes of rows {@code 0..rows-1}. */
    public static Split of(int rows, SplitSpec spec) {
        return of(rows, spec.seed(), spec.trainFraction(), spec.validFraction());
    }

    /**
     * A seeded split of rows {@code 0..rows-1}: a random permutation cut at {@code floor(rows·trainFraction)} and
     * {@code floor(rows·(trainFraction+validFraction))}.
     */
    public static Split of(int rows, long seed, double trainFraction, double validFraction) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if (!(trainFraction > 0 && validFraction >= 0 && trainFraction + validFraction <= 1))
            throw new IllegalArgumentException("fractions must satisfy 0 < train, 0 <= valid, train + valid <= 1; got train="
                    + trainFraction + ", valid=" + validFraction);
        int[] p = Rows.range(rows).shuffled(seed).toArray();
        int a = (int) Math.floor(rows * trainFraction), b = (int) Math.floor(rows * (trainFraction + validFraction));
        return new Split(Rows.wrap(java.util.Arrays.copyOfRange(p, 0, a)), Rows.wrap(java.util.Arrays.copyOfRange(p, a, b)),
                Rows.wrap(java.util.Arrays.copyOfRange(p, b, rows)));
    }
}
