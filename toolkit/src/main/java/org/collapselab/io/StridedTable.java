package org.collapselab.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A 2-D tensor's values read from its storage by offset and strides (in elements), as PyTorch lays out views. */
final class StridedTable {
    private StridedTable() {}

    /**
     * The {@code shape[0] × shape[1]} values at {@code storage[offset + r·strides[0] + c·strides[1]]}, row-major; refuses
     * a view that reaches outside its storage, a value beyond float range and any NaN or infinity, naming {@code src}.
     */
    static MatrixFile read(ElementType type, ByteBuffer storage, long offset, long[] shape, long[] strides, String src, String layout) {
        long rows = shape[0], cols = shape[1];
        if (rows < 1 || cols < 1) throw new IllegalArgumentException(src + ": empty tensor, shape " + Arrays.toString(shape));
        if (rows * cols > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException(src + ": " + rows + " x " + cols + " has more values than one Java array holds (2^31)");
        float[] v = new float[(int) (rows * cols)];
        long underflows = decode(type, storage, offset, shape, strides, src, v, 0, 0);
        return new MatrixFile(v, (int) rows, (int) cols, src, layout + MatrixFile.underflowNote(underflows));
    }

    /**
     * Decodes the view into {@code out[at ..]}, row-major, with the checks of {@link #read}; messages name rows from
     * {@code firstRow} (a piece of a larger table). Returns how many nonzero values fell below float range and became 0.
     */
    static long decode(ElementType type, ByteBuffer storage, long offset, long[] shape, long[] strides, String src, float[] out, int at, long firstRow) {
        long rows = shape[0], cols = shape[1];
        long elements = storage.capacity() / type.bytes;
        long last = offset + (rows - 1) * Math.max(strides[0], 0) + (cols - 1) * Math.max(strides[1], 0);
        long first = offset + (rows - 1) * Math.min(strides[0], 0) + (cols - 1) * Math.min(strides[1], 0);
        if (first < 0 || last >= elements)
            throw new IllegalArgumentException(src + ": the view (offset " + offset + ", shape " + Arrays.toString(shape) + ", strides "
                    + Arrays.toString(strides) + ") reaches element " + (first < 0 ? first : last) + " of a storage of " + elements
                    + " (the file is damaged or truncated)");
        long underflows = 0;
        for (long r = 0; r < rows; r++)
            for (long c = 0; c < cols; c++) {
                double x = type.read(storage, offset + r * strides[0] + c * strides[1]);
                float f = (float) x;
                if (!Float.isFinite(f)) {
                    String where = src + ": row " + (firstRow + r) + ", column " + c + " (0-based)";
                    if (!Double.isFinite(x)) throw new IllegalArgumentException(where + ": " + x + " is not finite");
                    MatrixFile.narrow(x, where + ": " + x);
                }
                if (f == 0 && x != 0) underflows++;
                out[(int) (at + r * cols + c)] = f;
            }
        return underflows;
    }

    /** The strides of a C-order (row-major) tensor of {@code shape}. */
    static long[] contiguous(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= shape[i];
        }
        return s;
    }
}
