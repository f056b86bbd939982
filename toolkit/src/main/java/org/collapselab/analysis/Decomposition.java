package org.collapselab.analysis;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/** The two routes from a {@link Rows} view to its singular values; both return min(rows, cols) values, descending. */
final class Decomposition {
    private Decomposition() {
    }

    /**
     * Eigenvalues of the cols x cols Gram matrix EᵀE accumulated in double precision: σ = sqrt(max(λ, 0)).
     * Singular values below about 1e-7·σ_max are not resolved by this route (they come out as rounding noise).
     */
    static double[] viaGram(Rows m, boolean unitRows) {
        int k = m.cols();
        double[] g = gram(m, unitRows);
        // LAPACK syev through ND4J: one native O(K³) call; a Java Jacobi solver would need several K³ sweeps per field.
        INDArray eig = Eigen.symmetricGeneralizedEigenvalues(Nd4j.create(g, new long[]{k, k}, 'c'), false);
        double[] lambda = eig.castTo(DataType.DOUBLE).toDoubleVector();
        double[] sigma = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) sigma[i] = Math.sqrt(Math.max(lambda[i], 0.0));
        return descending(sigma, Math.min(m.rows(), k));
    }

    /** Direct SVD: LAPACK gesvd (singular values only) on a column-major double copy, transposed when wide. */
    static double[] viaSvd(Rows m, boolean unitRows) {
        int rows = m.rows(), cols = m.cols();
        boolean wide = rows < cols;    // feed LAPACK a tall matrix: Eᵀ has the same singular values
        long tallRows = wide ? cols : rows, tallCols = wide ? rows : cols;
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, new long[]{tallRows, tallCols}, 'f');
        DoubleBuffer buf = a.data().asNioDouble();
        double[] x = new double[cols];
        for (int r = 0; r < rows; r++) {
            m.load(r, x, unitRows);
            for (int j = 0; j < cols; j++) {
                // column-major: element (i, j) of the tall matrix lives at i + j * tallRows
                long at = wide ? j + (long) r * tallRows : r + (long) j * tallRows;
                buf.put((int) at, x[j]);
            }
        }
        INDArray s = Nd4j.create(DataType.DOUBLE, tallCols);
        Nd4j.getBlasWrapper().lapack().gesvd(a, s, null, null);
        return descending(s.toDoubleVector(), (int) tallCols);
    }

    /** Rows per partial Gram matrix: fixed, so the sums (and results) do not depend on the number of threads. */
    private static final int CHUNK_ROWS = 65_536;

    /** EᵀE in double, rows read (and optionally unit-normalised) by {@link Rows#load}; full symmetric, row-major. */
    static double[] gram(Rows m, boolean unitRows) {
        int k = m.cols(), n = m.rows();
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        // Tall tables: partial Gram matrices of fixed row chunks on the common pool, added in chunk order.
        double[][] parts = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> gram(m, c * CHUNK_ROWS, Math.min(n, (c + 1) * CHUNK_ROWS), unitRows))
                .toArray(double[][]::new);
        double[] g = parts[0];
        for (int c = 1; c < chunks; c++)
            for (int i = 0; i < g.length; i++) g[i] += parts[c][i];
        for (int j = 0; j < k; j++)
            for (int l = j + 1; l < k; l++) g[l * k + j] = g[j * k + l];
        return g;
    }

    /** Upper triangle of the Gram matrix of rows {@code from .. to-1}. */
    private static double[] gram(Rows m, int from, int to, boolean unitRows) {
        int k = m.cols();
        double[] g = new double[k * k];
        double[] x0 = new double[k], x1 = new double[k], x2 = new double[k], x3 = new double[k];
        int r = from;
        // Four rows per pass over the upper triangle: measured ~1.6x faster than one row at K=100.
        for (; r + 4 <= to; r += 4) {
            m.load(r, x0, unitRows);
            m.load(r + 1, x1, unitRows);
            m.load(r + 2, x2, unitRows);
            m.load(r + 3, x3, unitRows);
            for (int j = 0; j < k; j++) {
                double y0 = x0[j], y1 = x1[j], y2 = x2[j], y3 = x3[j];
                int gj = j * k;
                for (int l = j; l < k; l++) g[gj + l] += y0 * x0[l] + y1 * x1[l] + y2 * x2[l] + y3 * x3[l];
            }
        }
        for (; r < to; r++) {
            m.load(r, x0, unitRows);
            for (int j = 0; j < k; j++) {
                double y0 = x0[j];
                int gj = j * k;
                for (int l = j; l < k; l++) g[gj + l] += y0 * x0[l];
            }
        }
        return g;
    }

    /** The {@code keep} largest of {@code v}, in descending order. */
    private static double[] descending(double[] v, int keep) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] out = new double[keep];
        for (int i = 0; i < keep; i++) out[i] = s[s.length - 1 - i];
        return out;
    }
}
