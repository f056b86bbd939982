package org.collapselab.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Read access to one encoded column stored with the smallest width that holds its values (1, 2 or 4 bytes per
 * row), on the heap or memory-mapped from the cache file.
 */
public final class IndexColumn {
    private final ByteBuffer buf;
    private final int width, rows;

    IndexColumn(ByteBuffer buf, int width, int rows) {
        if (width != 1 && width != 2 && width != 4) throw new IllegalArgumentException("column width must be 1, 2 or 4, got " + width);
        if ((long) width * rows > buf.capacity())
            throw new IllegalArgumentException("column of " + rows + " rows × " + width + " bytes does not fit a buffer of " + buf.capacity());
        this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.width = width;
        this.rows = rows;
    }

    /** Bytes per value needed for indices {@code 0 .. cardinality-1}. */
    static int widthFor(int cardinality) {
        return cardinality <= (1 << 8) ? 1 : cardinality <= (1 << 16) ? 2 : 4;
    }

    /** A heap column holding {@code values}, each in {@code [0, cardinality)}. */
    static IndexColumn of(int[] values, int cardinality) {
        int w = widthFor(cardinality);
        ByteBuffer b = ByteBuffer.allocate(Math.max(1, values.length * w)).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < values.length; r++) put(b, w, r, values[r]);
        return new IndexColumn(b, w, values.length);
    }

    static void put(ByteBuffer b, int width, int row, int v) {
        switch (width) {
            case 1 -> b.put(row, (byte) v);
            case 2 -> b.putChar(row * 2, (char) v);
            default -> b.putInt(row * 4, v);
        }
    }

    public int get(int row) {
        return switch (width) {
            case 1 -> buf.get(row) & 0xff;
            case 2 -> buf.getChar(row * 2);
            default -> buf.getInt(row * 4);
        };
    }

    public int size() {
        return rows;
    }

    /** Adds this column's bytes (little-endian, {@code width} per row) to a digest, as the cache file lays them out. */
    void digest(java.security.MessageDigest d) {
        ByteBuffer b = buf.duplicate();
        b.clear().limit(width * rows);
        d.update(b);
    }

    /** Bytes per value. */
    public int width() {
        return width;
    }
}
