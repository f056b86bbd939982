package org.collapselab.analysis;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.collapselab.data.Schema;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded Xavier-uniform tables: the random-initialisation baseline of the paper's Fig. 2.
 * Values are U[-b, b) with b = sqrt(6 / (rows + cols)), as the paper's code initialises the whole
 * concatenated table. Numbers come from {@link SplittableRandom}, not ND4J's global random state:
 * the same seed gives the same table on every backend.
 */
public final class XavierUniform {
    private XavierUniform() {
    }

    /** The Xavier-uniform bound sqrt(6 / (rows + cols)). */
    public static double bound(int rows, int cols) {
        checkShape(rows, cols);
        return Math.sqrt(6.0 / ((double) rows + cols));
    }

    /** A {@code rows x cols} FLOAT table (row-major) of U[-b, b) values, b = {@link #bound(int, int)}. */
    public static INDArray table(int rows, int cols, long seed) {
        double b = bound(rows, cols);
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows, cols}, 'c');
        FloatBuffer buf = t.data().asNioFloat();
        SplittableRandom rnd = new SplittableRandom(seed);
        long n = (long) rows * cols;
        for (int i = 0; i < n; i++) buf.put(i, (float) ((2 * rnd.nextDouble() - 1) * b));
        return t;
    }

    /** The concatenated table of a schema: {@code schema.totalRows() x k}, one bound over the whole table. */
    public static INDArray table(Schema schema, int k, long seed) {
        return table(schema.totalRows(), k, seed);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("table shape must be positive, got " + rows + " x " + cols);
        if ((long) rows * cols > Integer.MAX_VALUE)
            throw new IllegalArgumentException("table of " + rows + " x " + cols + " exceeds 2^31-1 values");
    }
}
