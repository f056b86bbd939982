package org.collapselab.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial values of a parameter, drawn from a caller-supplied seeded stream (never ND4J's global RNG).
 * The factories mirror what the paper's PyTorch code uses.
 */
@FunctionalInterface
public interface Init {
    /** Next value given the stream; called once per element in row-major order. */
    double next(SplittableRandom r);

    /** An array of {@code shape} filled in row-major order. */
    default INDArray create(SplittableRandom r, DataType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 1) throw new IllegalArgumentException("shape dimensions must be >= 1, got " + java.util.Arrays.toString(shape));
            n = Math.multiplyExact(n, s);
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("array of " + n + " elements is too large");
        if (type == DataType.DOUBLE) {
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) v[i] = next(r);
            return Nd4j.create(v, shape, DataType.DOUBLE);
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (float) next(r);
        return Nd4j.create(v, shape, DataType.FLOAT).castTo(type);
    }

    /** U(−bound, bound). */
    static Init uniform(double bound) {
        if (!(bound >= 0)) throw new IllegalArgumentException("uniform bound must be >= 0, got " + bound);
        return r -> (2 * r.nextDouble() - 1) * bound;
    }

    /**
     * PyTorch's default for {@code nn.Linear}/{@code nn.Conv1d} weights and biases: kaiming-uniform with a=√5,
     * which is U(±1/√fan_in).
     */
    static Init torchDefault(long fanIn) {
        if (fanIn < 1) throw new IllegalArgumentException("fan_in must be >= 1, got " + fanIn);
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /** Xavier/Glorot uniform: U(±√(6/(fan_in+fan_out))). */
    static Init xavierUniform(long fanIn, long fanOut) {
        if (fanIn < 1 || fanOut < 1) throw new IllegalArgumentException("fan_in and fan_out must be >= 1, got " + fanIn + ", " + fanOut);
        return uniform(Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    /** N(0, std²), e.g. NFwFM's field-pair weights (PyTorch {@code torch.randn}). */
    static Init normal(double std) {
        if (!(std >= 0)) throw new IllegalArgumentException("std must be >= 0, got " + std);
        return r -> std * gaussian(r);
    }

    static Init constant(double value) {
        return r -> value;
    }

    static Init zeros() {
        return constant(0);
    }

    static Init ones() {
        return constant(1);
    }

    /** A standard normal deviate (Marsaglia polar method): deterministic given the stream. */
    private static double gaussian(SplittableRandom r) {
        double u, v, s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
