package org.collapselab.nn.embedding;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every embedding set's table and its Adam moments, all FLOAT [rows, sets·width] with set m in columns
 * {@code m·width ..} (the sets interleaved row by row), plus the step count they share.
 */
final class Table {
    final INDArray values;
    final INDArray m;
    final INDArray v;
    long step;

    Table(INDArray values, INDArray m, INDArray v, long step) {
        this.values = values;
        this.m = m;
        this.v = v;
        this.step = step;
    }

    /** Zero values and moments for {@code spec.sets()} tables of {@code rows × spec.width()}. */
    static Table zeros(long rows, StoreSpec spec) {
        long width = (long) spec.sets() * spec.width();
        // the direct kernel addresses a float as row·width + column, in an int
        if (rows * width > Integer.MAX_VALUE)
            throw new IllegalArgumentException(spec.sets() + " tables of " + rows + " × " + spec.width() + " exceed 2^31-1 floats");
        return new Table(Nd4j.zeros(DataType.FLOAT, rows, width), Nd4j.zeros(DataType.FLOAT, rows, width), Nd4j.zeros(DataType.FLOAT, rows, width), 0);
    }

    /** Set {@code set}'s columns of an interleaved array: a live view (the array itself when there is one set). */
    static INDArray columns(INDArray all, int set, StoreSpec spec) {
        if (spec.sets() == 1) return all;
        return all.get(NDArrayIndex.all(), NDArrayIndex.interval((long) set * spec.width(), (long) (set + 1) * spec.width()));
    }
}
