package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostFloatsTest {
    @Test
    void rowsAcrossWindowsReadAndWriteTheArraysFloats() {
        INDArray a = Nd4j.create(DataType.FLOAT, 11, 3);
        for (int i = 0; i < 33; i++) a.putScalar(i, i);
        HostFloats h = HostFloats.rows(a, 8);    // 2 rows (6 floats) per window: 6 windows, the last of one row
        assertEquals(2, h.rowsPerWindow());
        float[] got = new float[33];
        h.get(0, 11, got, 0);
        assertArrayEquals(Floats.of(a), got, "every row, across six windows");
        float[] three = new float[9];
        h.get(3, 3, three, 0);    // rows 3, 4, 5: from the middle of one window into the next two
        assertArrayEquals(new float[]{9, 10, 11, 12, 13, 14, 15, 16, 17}, three);
        h.put(9, 2, new float[]{-1, -2, -3, -4, -5, -6}, 0);
        assertArrayEquals(new float[]{-1, -2, -3, -4, -5, -6}, Floats.of(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(9, 11),
                org.nd4j.linalg.indexing.NDArrayIndex.all())), "written through the windows into the array");
        assertEquals(-4, h.window(10).get(h.offset(10)), 0, "row 10 starts at its window's offset");
    }

    /**
     * A table past 2 GB (2^29 + 2^20 floats: NFwFM 10× at Criteo's size has 543 M): its last window starts at 2^31
     * bytes, where a pointer positioned from the array's start gives a wrong buffer (JavaCPP computes its end in int
     * bytes). Every window reads its own floats. Needs 2.2 GB of native memory; skipped where there is less.
     */
    @Test
    void aTablePast2GbReadsItsLastRowsThroughItsOwnWindow() {
        long need = (1L << 31) + (1L << 22);
        org.junit.jupiter.api.Assumptions.assumeTrue(org.bytedeco.javacpp.Pointer.maxBytes() - org.bytedeco.javacpp.Pointer.totalBytes() > need
                && org.bytedeco.javacpp.Pointer.availablePhysicalBytes() > 2 * need, "needs 2.2 GB of native memory");
        int width = 1024;
        long rows = ((1L << 29) + (1L << 20)) / width;
        INDArray a = Nd4j.create(DataType.FLOAT, rows, width);
        try {
            for (int c = 0; c < width; c += 100) a.putScalar(rows - 1, c, c + 0.5f);
            a.putScalar((1L << 28) / width - 1, width - 1, -7f);    // the last float of the first window
            HostFloats h = HostFloats.rows(a);
            assertEquals(3, (rows + h.rowsPerWindow() - 1) / h.rowsPerWindow(), "three windows, the last from 2^31 bytes");
            for (int c = 0; c < width; c += 100) assertEquals(c + 0.5f, h.window(rows - 1).get(h.offset(rows - 1) + c), 0);
            float[] two = new float[2 * width];
            h.get((1L << 28) / width - 1, 2, two, 0);    // straddles the first two windows
            assertEquals(-7f, two[width - 1], 0);
            h.put(rows - 1, 1, new float[width], 0);
            assertEquals(0f, a.getFloat(rows - 1, 100), 0, "written through the last window into the array");
        } finally {
            a.close();
        }
    }

    @Test
    void onlyWholeArraysAndRowsThatFitAWindow() {
        INDArray a = Nd4j.create(DataType.FLOAT, 4, 5);
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), 100), "a view");
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(a, 4), "a row of 5 floats in windows of 4");
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(Nd4j.create(DataType.DOUBLE, 2, 2), 100), "not FLOAT");
    }
}
