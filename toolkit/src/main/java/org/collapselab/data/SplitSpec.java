package org.collapselab.data;

/**
 * Which seeded split of a dataset's rows to use: the seed of the permutation and the train and validation
 * fractions (the rest is test). {@link #paper()} is the paper's 8:1:1 split with seed 0.
 *
 * @param seed           seed of the row permutation
 * @param trainFraction  fraction of rows for training, in (0, 1)
 * @param validFraction  fraction of rows for validation, in (0, 1 − train): training selects its epoch on the
 *                       validation rows and reports the test rows, so neither may be empty
 */
public record SplitSpec(long seed, double trainFraction, double validFraction) {
    public SplitSpec {
        if (!(trainFraction > 0 && validFraction > 0 && trainFraction + validFraction < 1))
            throw new IllegalArgumentException("fractions must satisfy 0 < train, 0 < valid, train + valid < 1 (training needs validation and test "
                    + "rows); got train=" + trainFraction + ", valid=" + validFraction);
    }

    /** The paper's 8:1:1 split with seed 0. */
    public static SplitSpec paper() {
        return seeded(0);
    }

    /** The 8:1:1 split with another seed. */
    public static SplitSpec seeded(long seed) {
        return new SplitSpec(seed, 0.8, 0.1);
    }
}
