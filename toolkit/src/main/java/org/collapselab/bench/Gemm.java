package org.collapselab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine's achievable matrix-product rate: a square float GEMM timed in this JVM, the reference for FLOP utilisation. */
final class Gemm {
    /** Side of the matrices: large enough to run at the BLAS library's full rate, small enough to time in about a second. */
    static final int SIZE = 1024;
    private static final int WARMUP = 2, REPEATS = 5;

    private Gemm() {}

    /** Median FLOP/s of {@value #REPEATS} products C = A·B of {@value #SIZE}-square FLOAT matrices, after warm-up. */
    static double flopsPerSecond() {
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE), b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE), c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        double[] rates = new double[REPEATS];
        for (int i = 0; i < WARMUP + REPEATS; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double seconds = (System.nanoTime() - t) / 1e9;
            if (i >= WARMUP) rates[i - WARMUP] = 2.0 * SIZE * SIZE * SIZE / seconds;
        }
        return Medians.of(rates);
    }
}
