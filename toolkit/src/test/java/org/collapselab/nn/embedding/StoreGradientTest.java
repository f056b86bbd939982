package org.collapselab.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.collapselab.data.Schema;
import org.collapselab.interaction.CrossNetV2;
import org.collapselab.interaction.Interaction;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Init;
import org.collapselab.nn.Scope;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Table-row gradients through the store: a row looked up by two samples gets the sum of both positions'
 * gradients. Reference: the finite difference of the loss when that table row moves, i.e. when every
 * position that reads it moves together.
 */
class StoreGradientTest {
    static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c"), 2, 3, 2);
    static final int F = 3, K = 2, B = 3;
    /** Row 3 (field b) is read by samples 0 and 2. */
    static final int[] IDX = {0, 3, 5, 1, 2, 6, 1, 3, 5};

    @Test
    void aRowUsedTwiceGetsTheSumOfItsGradients() {
        EmbeddingStore store = EmbeddingStore.create(SCHEMA, StoreSpec.of(1, K), AdamConfig.paper(), 3);
        Graph g = Graph.create(DataType.DOUBLE, 3);
        Scope set = g.root().child("set", 0);
        SDVariable ein = g.embeddingInput(set, (long) F * K);
        Interaction.Output out = new CrossNetV2(2, java.util.Optional.empty()).apply(set.child("interaction"), ein, F, K);
        SDVariable proj = set.constant("proj", Init.uniform(1).create(new SplittableRandom(1), DataType.DOUBLE, B, (long) F * K));
        SDVariable loss = out.features().mul(proj).sum().rename("loss");
        g.sd().setLossVariables(loss);
        INDArray rows = store.lookup(IDX)[0].castTo(DataType.DOUBLE);
        g.feed(ein, rows);
        g.prepare(Graph.Mode.TRAIN, B);
        INDArray einGrad = g.sd().calculateGradients(Map.of(), ein.name()).get(ein.name());
        RowGradient rg = store.rowGradient(IDX, einGrad);
        int at = java.util.Arrays.binarySearch(rg.rows(), 3);
        double h = 1e-6;
        for (int d = 0; d < K; d++) {
            double up = lossWithRowShift(g, ein, rows, 3, d, h), down = lossWithRowShift(g, ein, rows, 3, d, -h);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, rg.sums()[at * K + d], 1e-5 * Math.max(1, Math.abs(numeric)), "row 3, dim " + d);
            double single = einGrad.getDouble(0, K + d);
            assertEquals(numeric, single + einGrad.getDouble(2, K + d), 1e-6 * Math.max(1, Math.abs(numeric)), "the two positions' sum");
        }
    }

    private static double lossWithRowShift(Graph g, SDVariable ein, INDArray rows, int row, int d, double delta) {
        INDArray shifted = rows.dup();
        for (int p = 0; p < IDX.length; p++) if (IDX[p] == row) shifted.putScalar(p / F, (long) (p % F) * K + d, shifted.getDouble(p / F, (long) (p % F) * K + d) + delta);
        g.feed(ein, shifted);
        double l = g.sd().output(Map.of(), "loss").get("loss").getDouble(0);
        g.feed(ein, rows);
        return l;
    }
}
