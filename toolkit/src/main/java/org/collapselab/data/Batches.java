package org.collapselab.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Batches over a set of rows. The order is fixed across epochs by default, as the paper's code (its loader
 * never reshuffles); {@link #reshuffled(long)} gives a seeded new order every epoch instead.
 */
public final class Batches {
    private final EncodedDataset data;
    private final Rows rows;
    private final int batchSize;
    private final Long shuffleSeed;

    Batches(EncodedDataset data, Rows rows, int batchSize, Long shuffleSeed) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.data = data;
        this.rows = rows;
        this.batchSize = batchSize;
        this.shuffleSeed = shuffleSeed;
    }

    /** The same batches, but each epoch in its own order drawn from {@code seed} and the epoch number. */
    public Batches reshuffled(long seed) {
        return new Batches(data, rows, batchSize, seed);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Rows covered by one epoch. */
    public int rowCount() {
        return rows.size();
    }

    public int batchesPerEpoch() {
        return (rows.size() + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (0-based); the last one may be smaller. */
    public Iterable<Batch> epoch(int epoch) {
        Rows order = shuffleSeed == null ? rows : rows.shuffled(shuffleSeed * 1_000_003L + epoch);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int n = Math.min(batchSize, order.size() - next);
                Batch b = data.batch(order, next, n);
                next += n;
                return b;
            }
        };
    }
}
