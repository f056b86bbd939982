package org.collapselab.nn.embedding;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One embedding set's table and its Adam moments, all FLOAT [rows, width], plus its step count. */
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
}
