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

    @Test
    void onlyWholeArraysAndRowsThatFitAWindow() {
        INDArray a = Nd4j.create(DataType.FLOAT, 4, 5);
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), 100), "a view");
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(a, 4), "a row of 5 floats in windows of 4");
        assertThrows(IllegalArgumentException.class, () -> HostFloats.rows(Nd4j.create(DataType.DOUBLE, 2, 2), 100), "not FLOAT");
    }
}
