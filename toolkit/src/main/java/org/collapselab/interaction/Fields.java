package org.collapselab.interaction;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shape helpers shared by the modules. */
final class Fields {
    private Fields() {}

    /** [B, F·K] → [B, F, K]. */
    static SDVariable split(SDVariable ein, int fields, int k) {
        return ein.reshape(-1, fields, k);
    }

    /** Number of unordered pairs i&lt;j of F fields. */
    static long pairs(int fields) {
        return (long) fields * (fields - 1) / 2;
    }

    /**
     * For each entry of a flattened F×F matrix (row-major), its pair's index among the i&lt;j entries (row-major pair
     * order, 0..P−1), or P for the diagonal and the lower triangle: segment ids for a sum that keeps the strict upper
     * triangle in segments 0..P−1. An INT32 [F·F] array.
     */
    static INDArray upperTriangleSegments(int fields) {
        int pairs = (int) pairs(fields);
        int[] ids = new int[fields * fields];
        int p = 0;
        for (int i = 0; i < fields; i++)
            for (int j = 0; j < fields; j++) ids[i * fields + j] = j > i ? p++ : pairs;
        return Nd4j.createFromArray(ids);
    }
}
