package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FloatsTest {
    /** The values element by element, in c order (rank 1 or 2): the slow path that {@link Floats#of} replaces. */
    private static float[] oneByOne(INDArray a) {
        float[] v = new float[(int) a.length()];
        if (a.rank() == 1) for (int i = 0; i < v.length; i++) v[i] = a.getFloat(i);
        else for (int i = 0; i < v.length; i++) v[i] = a.getFloat(i / a.size(1), i % a.size(1));
        return v;
    }

    @Test
    void copiesEveryLayoutInCOrder() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 7, 5);
        assertArrayEquals(oneByOne(c), Floats.of(c));
        INDArray f = c.dup('f');
        assertArrayEquals(oneByOne(c), Floats.of(f), "an f-order copy gives the same c-order values");
        INDArray view = c.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(1, 4));
        assertArrayEquals(oneByOne(view), Floats.of(view), "a view gives its own values, not its buffer's start");
        INDArray row = c.get(NDArrayIndex.point(3), NDArrayIndex.all());
        assertArrayEquals(oneByOne(row), Floats.of(row), "a view at an offset");
        INDArray d = Nd4j.rand(DataType.DOUBLE, 3, 4);
        float[] fromDouble = Floats.of(d);
        for (int i = 0; i < 12; i++) assertEquals((float) d.getDouble(i / 4, i % 4), fromDouble[i]);
        assertEquals(0, Floats.of(Nd4j.create(DataType.FLOAT, 0)).length);
    }

    @Test
    void leavesTheArrayOpen() {
        INDArray view = Nd4j.rand(DataType.FLOAT, 4, 4).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        Floats.of(view);
        assertFalse(view.wasClosed());
        INDArray c = Nd4j.rand(DataType.FLOAT, 4, 4);
        Floats.of(c);
        assertFalse(c.wasClosed());
    }
}
