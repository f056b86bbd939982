package org.collapselab.data;

import java.util.Arrays;

/** An ordered, immutable selection of row ids of a dataset (a split part, a batch order). */
public final class Rows {
    private final int[] ids;

    private Rows(int[] ids) {
        this.ids = ids;
    }

    /** Rows with these ids, in this order (copied). */
    public static Rows of(int... ids) {
        return new Rows(ids.clone());
    }

    /** Rows {@code 0 .. n-1} in order. */
    public static Rows range(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        return new Rows(ids);
    }

    static Rows wrap(int[] ids) {
        return new Rows(ids);
    }

    public int size() {
        return ids.length;
    }

    public int get(int i) {
        return ids[i];
    }

    public int[] toArray() {
        return ids.clone();
    }

    /** The same rows in a seeded random order (Fisher–Yates). */
    public Rows shuffled(long seed) {
        int[] p = ids.clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return new Rows(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rows r && Arrays.equals(ids, r.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Rows[" + ids.length + "]";
    }
}
