package org.collapselab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A table whose buffer exceeds what one NIO view maps (NFwFM 10× at Criteo's size: 543 M floats, where ND4J's
 * asNioFloat() stops at 2^29 - 1 and the IA analysis failed) is read through a copy. With the limit made small,
 * small tables take that path: every row, and so every field's IA, is what the in-place path reads.
 */
class LargeRowsTest {
    @Test
    void copiedRowsAreTheInPlaceRowsForWholeArraysAndSetViews() {
        INDArray all = Nd4j.rand(DataType.FLOAT, 50, 12);
        INDArray set1 = all.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8));    // set 1 of 3 interleaved sets of K = 4
        for (INDArray m : List.of(all, set1)) {
            Rows inPlace = Rows.of(m), copied = Rows.of(m, 10);
            double[] a = new double[m.columns() > 0 ? (int) m.columns() : 0], b = a.clone();
            for (int r = 0; r < m.rows(); r++) {
                inPlace.load(r, a, true);
                copied.load(r, b, true);
                assertArrayEquals(a, b, 0, "row " + r);
            }
        }
        Schema s = Schema.categorical(List.of("x", "y"), 20, 30);
        assertEquals(FieldIA.of(set1, s), FieldIA.of(Rows.of(set1, 10), s, SpectrumOptions.DEFAULT));
    }
}
