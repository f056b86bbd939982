package org.collapselab.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A whole c-order FLOAT array's host memory, addressed by long index through windows of whole rows, each at most
 * {@link #MAX_WINDOW} floats. ND4J's {@code data().asNioFloat()} maps a buffer through one ByteBuffer, which holds at
 * most 2^31 bytes: an array above 2^29 floats (NFwFM 10× at Criteo's 1,086,810 rows: 543 M floats) cannot be read or
 * written that way. A row never straddles two windows, so a row's floats are one buffer's.
 *
 * <pre>{@code
 * HostFloats t = HostFloats.rows(table, HostFloats.MAX_WINDOW);     // table [rows, width], CPU backend
 * FloatBuffer w = t.window(row);  int at = t.offset(row);           // row's floats: w.get(at .. at + width)
 * }</pre>
 */
public final class HostFloats {
    /** The largest window, in floats (1 GiB): half of what one ByteBuffer can map. */
    public static final int MAX_WINDOW = 1 << 28;

    /** Holds the array (and so its memory) while the windows are in use. */
    private final INDArray array;
    private final long rows;
    private final int width, rowsPerWindow;
    private final FloatBuffer[] windows;

    private HostFloats(INDArray a, int maxWindowFloats) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView() || a.rank() != 2)
            throw new IllegalArgumentException("a whole 2-D c-order FLOAT array is needed, got " + a.shapeInfoToString());
        if (maxWindowFloats < 1) throw new IllegalArgumentException("a window holds at least one float, got " + maxWindowFloats);
        rows = a.size(0);
        width = Math.toIntExact(a.size(1));
        if (width > maxWindowFloats) throw new IllegalArgumentException("a row of " + width + " floats is wider than a window of " + maxWindowFloats);
        rowsPerWindow = maxWindowFloats / width;
        int count = (int) ((rows + rowsPerWindow - 1) / rowsPerWindow);
        windows = new FloatBuffer[Math.max(count, 1)];
        if (a.data().offset() != 0) throw new IllegalArgumentException("an array at an offset of its buffer: " + a.shapeInfoToString());
        array = a;
        long base = a.data().pointer().address();
        for (int i = 0; i < count; i++) {
            long from = (long) i * rowsPerWindow * width, to = Math.min(rows, (long) (i + 1) * rowsPerWindow) * width;
            windows[i] = window(base + from * Float.BYTES, (int) (to - from));
        }
    }

    /**
     * {@code floats} floats at {@code start}. JavaCPP's {@code asBuffer()} computes a buffer's end from the pointer's
     * position in int bytes, which is wrong past 2 GB from the array's start, so each window gets a pointer of its own
     * that starts at the window.
     */
    private static FloatBuffer window(long start, int floats) {
        return new FloatPointer() {
            {
                address = start;    // the pointer's own fields: a local named like them would be shadowed here
                capacity = floats;
                limit = floats;
            }
        }.asBuffer();
    }

    /** {@code a}'s rows ([rows, width], whole, c order, FLOAT, in host memory) in windows of at most {@code maxWindowFloats}. */
    public static HostFloats rows(INDArray a, int maxWindowFloats) {
        return new HostFloats(a, maxWindowFloats);
    }

    /** {@code a}'s rows in windows of at most {@link #MAX_WINDOW} floats. */
    public static HostFloats rows(INDArray a) {
        return new HostFloats(a, MAX_WINDOW);
    }

    public long rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Rows per window (the last may hold fewer). */
    public int rowsPerWindow() {
        return rowsPerWindow;
    }

    /** The window that holds {@code row} (absolute positions: {@link #offset}). */
    public FloatBuffer window(long row) {
        return windows[(int) (row / rowsPerWindow)];
    }

    /** Where {@code row} starts in its window. */
    public int offset(long row) {
        return (int) (row % rowsPerWindow) * width;
    }

    /** Rows {@code [from, from + count)} into {@code dst[off ..]}, across windows. */
    public void get(long from, int count, float[] dst, int off) {
        inWindows(from, count, off, (window, at, o, n) -> window.get(at, dst, o, n));
    }

    /** {@code src[off ..]} into rows {@code [from, from + count)}, across windows. */
    public void put(long from, int count, float[] src, int off) {
        inWindows(from, count, off, (window, at, o, n) -> window.put(at, src, o, n));
    }

    /** A copy of {@code n} floats between a window (from {@code at}) and an array (from {@code off}). */
    private interface Copy {
        void run(FloatBuffer window, int at, int off, int n);
    }

    /** Rows {@code [from, from + count)} as one copy per window they lie in, the array's position moving along. */
    private void inWindows(long from, int count, int off, Copy copy) {
        for (long r = from; r < from + count; ) {
            int n = (int) Math.min(from + count - r, rowsPerWindow - r % rowsPerWindow);
            copy.run(window(r), offset(r), off, n * width);
            off += n * width;
            r += n;
        }
    }
}
