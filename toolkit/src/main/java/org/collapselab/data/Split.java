package org.collapselab.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.collapselab.io.Sha256;

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

    /**
     * A hex SHA-256 of the three parts' row ids in order (each part's size first): the same value exactly when the
     * same rows are trained, validated and tested on, however the split was made.
     */
    public String digest() {
        MessageDigest md = Sha256.digest();
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (Rows part : new Rows[] {train, valid, test}) {
            b.putInt(part.size());
            for (int i = 0; i < part.size(); i++) {
                if (!b.hasRemaining()) {
                    md.update(b.flip());
                    b.clear();
                }
                b.putInt(part.get(i));
            }
            md.update(b.flip());
            b.clear();
        }
        return Sha256.hex(md);
    }
}
