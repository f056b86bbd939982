package org.collapselab.interaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CIN's features against its definition computed directly: per layer the F·H products {@code x0[f,k]·h[h,k]}, the
 * 1×1 convolution {@code Σ W[f·H+h, c]·Z + b_c}, ReLU, the sum over k, the layers' outputs side by side.
 */
class CinTest {
    static final int B = 3, K = 3;
    static final int[] LAYERS = {2, 3};

    @ParameterizedTest(name = "F = {0}")
    @ValueSource(ints = {1, 2, 5})
    void featuresEqualTheDefinition(int fields) {
        Graph g = Graph.create(DataType.DOUBLE, 4);
        var ein = g.embeddingInput(g.root().child("set", 0), (long) fields * K);
        String out = new Cin(LAYERS).apply(g.root().child("cin"), ein, fields, K).features().name();
        INDArray x = Init.uniform(1).create(new SplittableRandom(fields), DataType.DOUBLE, B, (long) fields * K);
        g.feed(ein, x);
        g.prepare(Graph.Mode.TRAIN, B);
        INDArray got = g.sd().output(Map.of(), out).get(out);
        assertArrayEquals(new long[]{B, LAYERS[0] + LAYERS[1]}, got.shape());
        for (int b = 0; b < B; b++) {
            double[][] x0 = new double[fields][K], h = x0;
            for (int f = 0; f < fields; f++) for (int k = 0; k < K; k++) x0[f][k] = x.getDouble(b, f * K + k);
            int column = 0;
            for (int l = 0; l < LAYERS.length; l++) {
                INDArray w = g.sd().getArrForVarName("cin/layer" + l + "/w"), bias = g.sd().getArrForVarName("cin/layer" + l + "/b");
                int hs = h.length, c = LAYERS[l];
                double[][] next = new double[c][K];
                for (int o = 0; o < c; o++)
                    for (int k = 0; k < K; k++) {
                        double z = bias.getDouble(0, o);
                        for (int f = 0; f < fields; f++) for (int j = 0; j < hs; j++) z += w.getDouble((long) f * hs + j, o) * x0[f][k] * h[j][k];
                        next[o][k] = Math.max(z, 0);
                    }
                for (int o = 0; o < c; o++) {
                    double pooled = 0;
                    for (int k = 0; k < K; k++) pooled += next[o][k];
                    assertEquals(pooled, got.getDouble(b, column++), 1e-12, "F = " + fields + ", row " + b + ", layer " + l + ", channel " + o);
                }
                h = next;
            }
        }
    }
}
