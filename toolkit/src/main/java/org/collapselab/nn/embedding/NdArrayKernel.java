package org.collapselab.nn.embedding;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ND4J array operations only, so the tables can live in device memory (CUDA backend). */
final class NdArrayKernel implements TableKernel {
    @Override
    public void lookup(Table t, int[] indices, INDArray[] out) {
        INDArray rows = Nd4j.pullRows(t.values, 1, indices);
        long w = rows.size(1) / out.length;
        for (int m = 0; m < out.length; m++)
            out[m].assign(rows.get(NDArrayIndex.all(), NDArrayIndex.interval(m * w, (m + 1) * w)).dup('c').reshape(out[m].shape()));
    }

    @Override
    public void denseAdam(Table t, RowGradient g, AdamStep s) {
        INDArray grad = t.values.mul(s.weightDecay());
        if (g.rows().length > 0) {
            INDArray rowGrad = Nd4j.pullRows(grad, 1, g.rows()).addi(sums(g));
            scatter(grad, g.rows(), rowGrad);
        }
        adam(t.values, t.m, t.v, grad, s);
    }

    @Override
    public void lazyAdam(Table t, RowGradient g, AdamStep s) {
        if (g.rows().length == 0) return;
        int[] rows = g.rows();
        INDArray p = Nd4j.pullRows(t.values, 1, rows), m = Nd4j.pullRows(t.m, 1, rows), v = Nd4j.pullRows(t.v, 1, rows);
        INDArray grad = p.mul(s.weightDecay()).addi(sums(g));
        adam(p, m, v, grad, s);
        scatter(t.values, rows, p);
        scatter(t.m, rows, m);
        scatter(t.v, rows, v);
    }

    private static INDArray sums(RowGradient g) {
        return Nd4j.create(g.sums(), new long[]{g.rows().length, g.width()}, DataType.FLOAT);
    }

    /** In place on p, m, v: PyTorch's Adam step with an already L2-augmented gradient. */
    private static void adam(INDArray p, INDArray m, INDArray v, INDArray grad, AdamStep s) {
        m.muli(s.beta1()).addi(grad.mul(s.oneMinusBeta1()));
        v.muli(s.beta2()).addi(grad.mul(grad).muli(s.oneMinusBeta2()));
        INDArray denom = Transforms.sqrt(v, true).muli(s.invSqrtBc2()).addi(s.eps());
        p.subi(m.div(denom).muli(s.stepSize()));
    }

    /** target[rows[i]] = values[i] (rows distinct). */
    private static void scatter(INDArray target, int[] rows, INDArray values) {
        INDArray idx = Nd4j.createFromArray(rows);
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(target, idx, values).addOutputs(target).build());
    }
}
