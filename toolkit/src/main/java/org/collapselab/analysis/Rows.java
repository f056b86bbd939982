package org.collapselab.analysis;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.collapselab.nn.Floats;
import org.collapselab.nn.HostFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one representation the analysis reads: a read-only, strided view of a 2-D float or double
 * matrix. Both public inputs (an {@link INDArray} of any order or view, a row-major {@code float[]})
 * adapt to it without copying the data; row slices (one field of a concatenated table) are views too.
 * Rows are read one at a time into a {@code double[]}, validated and optionally scaled to unit length.
 */
final class Rows {
    private final FloatBuffer floats;   // exactly one of floats / doubles is non-null
    private final DoubleBuffer doubles;
    private final long offset;
    private final long rowStride;
    private final long colStride;
    private final int rows;
    private final int cols;
    private final int firstRow;         // row number of row 0 in the matrix the user passed, for messages

    private Rows(FloatBuffer floats, DoubleBuffer doubles, long offset, long rowStride, long colStride,
                 int rows, int cols, int firstRow) {
        this.floats = floats;
        this.doubles = doubles;
        this.offset = offset;
        this.rowStride = rowStride;
        this.colStride = colStride;
        this.rows = rows;
        this.cols = cols;
        this.firstRow = firstRow;
    }

    /**
     * Views a 2-D floating-point INDArray; FLOAT and DOUBLE are read in place, HALF/BFLOAT16 via a float copy, and an
     * array whose buffer is larger than one NIO view maps (ND4J's asNio* stop at 2^29 - 1 elements: NFwFM 10×'s
     * tables at Criteo's size hold 543 M) via a float copy read in windows ({@link Floats#of}).
     */
    static Rows of(INDArray m) {
        return of(m, HostFloats.MAX_WINDOW);
    }

    /** As {@link #of(INDArray)}, copying arrays whose buffer exceeds {@code inPlaceLimit} elements (small in tests). */
    static Rows of(INDArray m, long inPlaceLimit) {
        Objects.requireNonNull(m, "matrix");
        if (m.isEmpty()) throw new IllegalArgumentException("matrix is empty (shape " + Arrays.toString(m.shape()) + ")");
        if (m.rank() != 2)
            throw new IllegalArgumentException("expected a 2-D matrix (rows x cols), got rank " + m.rank() + ", shape " + Arrays.toString(m.shape()));
        DataType type = m.dataType();
        if (type == DataType.HALF || type == DataType.BFLOAT16) m = m.castTo(DataType.FLOAT);
        else if (type != DataType.FLOAT && type != DataType.DOUBLE)
            throw new IllegalArgumentException("expected a floating-point matrix, got data type " + type);
        long r = m.rows(), c = m.columns();
        if (r > Integer.MAX_VALUE || c > Integer.MAX_VALUE)
            throw new IllegalArgumentException("matrix too large: " + r + " x " + c);
        if (m.data().length() > inPlaceLimit) return of(Floats.of(m), (int) r, (int) c);
        // On a device backend the host copy may be stale; on the CPU backend this is a no-op.
        Nd4j.getAffinityManager().ensureLocation(m, AffinityManager.Location.HOST);
        // asNio* views the whole underlying buffer from element 0, so a view's own offset still applies.
        FloatBuffer f = m.dataType() == DataType.FLOAT ? m.data().asNioFloat() : null;
        DoubleBuffer d = f == null ? m.data().asNioDouble() : null;
        Rows v = new Rows(f, d, m.offset(), m.stride(0), m.stride(1), (int) r, (int) c, 0);
        v.checkBounds(f != null ? f.capacity() : d.capacity());
        return v;
    }

    /** Views a row-major {@code float[]} of {@code rows x cols} values. */
    static Rows of(float[] data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        if (rows == 0 || cols == 0) throw new IllegalArgumentException("matrix is empty (" + rows + " x " + cols + ")");
        if ((long) rows * cols != data.length)
            throw new IllegalArgumentException("shape " + rows + " x " + cols + " needs " + (long) rows * cols
                    + " values, the array holds " + data.length);
        return new Rows(FloatBuffer.wrap(data), null, 0, cols, 1, rows, cols, 0);
    }

    private void checkBounds(long capacity) {
        long last = offset + (rows - 1L) * rowStride + (cols - 1L) * colStride;
        if (rowStride < 0 || colStride < 0 || last >= capacity || last > Integer.MAX_VALUE)
            throw new IllegalArgumentException("unsupported matrix layout: offset " + offset + ", strides [" + rowStride
                    + ", " + colStride + "], buffer of " + capacity + " elements");
    }

    /** Rows {@code start .. start+count-1} of this view, as a view; messages keep the original row numbers. */
    Rows slice(int start, int count) {
        if (start < 0 || count < 1 || start + (long) count > rows)
            throw new IllegalArgumentException("rows " + start + ".." + (start + (long) count - 1) + " are outside 0.." + (rows - 1));
        return new Rows(floats, doubles, offset + start * rowStride, rowStride, colStride, count, cols, firstRow + start);
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /**
     * Reads row {@code r} into {@code x[0..cols)}; with {@code unit} scales it to unit L2 norm (a zero row stays zero).
     *
     * @throws IllegalArgumentException if the row holds NaN or an infinity, naming the row and column
     */
    void load(int r, double[] x, boolean unit) {
        long p = offset + r * rowStride;
        double ss = 0;
        if (floats != null) {
            for (int j = 0; j < cols; j++) {
                double v = floats.get((int) (p + j * colStride));
                x[j] = v;
                ss += v * v;
            }
        } else {
            for (int j = 0; j < cols; j++) {
                double v = doubles.get((int) (p + j * colStride));
                x[j] = v;
                ss += v * v;
            }
        }
        // One check per row: any NaN/Inf makes the sum of squares non-finite.
        if (!Double.isFinite(ss)) throw badRow(r, x);
        if (unit && ss > 0) {
            double inv = 1.0 / Math.sqrt(ss);
            for (int j = 0; j < cols; j++) x[j] *= inv;
        }
    }

    private IllegalArgumentException badRow(int r, double[] x) {
        int row = firstRow + r;
        for (int j = 0; j < cols; j++)
            if (!Double.isFinite(x[j]))
                return new IllegalArgumentException("row " + row + ", column " + j + " holds " + x[j]);
        return new IllegalArgumentException("row " + row + " has values too large to square in double precision (max |v| "
                + Arrays.stream(x, 0, cols).map(Math::abs).max().orElse(0) + ")");
    }
}
