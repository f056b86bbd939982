package org.collapselab.analysis;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrices with known properties, built in plain Java so they do not depend on the code under test. */
final class TestMatrices {
    private TestMatrices() {
    }

    /** Row-major float data with standard normal entries. */
    static float[] gaussian(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) a[i] = (float) gauss(r);
        return a;
    }

    /** Gaussian columns scaled by decay^j: a spectrum spread over several orders of magnitude. */
    static float[] decaying(int rows, int cols, double decay, long seed) {
        float[] a = gaussian(rows, cols, seed);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) a[i * cols + j] *= (float) Math.pow(decay, j);
        return a;
    }

    /** An n x n orthogonal matrix (row-major, double): two seeded Householder reflections and a cyclic shift. */
    static double[] orthogonal(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) q[i * n + (i + 1) % n] = 1;    // cyclic permutation
        for (int h = 0; h < 2; h++) {
            double[] v = new double[n];
            double vv = 0;
            for (int i = 0; i < n; i++) {
                v[i] = gauss(r);
                vv += v[i] * v[i];
            }
            // q <- (I - 2 v vᵀ / vᵀv) q
            for (int c = 0; c < n; c++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += v[i] * q[i * n + c];
                for (int i = 0; i < n; i++) q[i * n + c] -= 2 * v[i] * dot / vv;
            }
        }
        return q;
    }

    static INDArray asDouble(double[] rowMajor, int rows, int cols) {
        return Nd4j.create(rowMajor, new long[]{rows, cols}, 'c');
    }

    static INDArray asFloat(float[] rowMajor, int rows, int cols) {
        return Nd4j.create(rowMajor, new long[]{rows, cols}, 'c');
    }

    /** Row-major double copy of any 2-D INDArray, element by element. */
    static double[] copy(INDArray m) {
        int rows = (int) m.rows(), cols = (int) m.columns();
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) out[i * cols + j] = m.getDouble(i, j);
        return out;
    }

    static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static INDArray zeros(int rows, int cols) {
        return Nd4j.zeros(DataType.FLOAT, rows, cols);
    }
}
