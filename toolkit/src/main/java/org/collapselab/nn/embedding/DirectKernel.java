package org.collapselab.nn.embedding;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Java loops over the tables' host buffers (CPU backend: ND4J arrays are direct buffers in host memory). */
final class DirectKernel implements TableKernel {
    @Override
    public void lookup(Table t, int[] indices, INDArray out) {
        FloatBuffer src = t.values.data().asNioFloat();
        FloatBuffer dst = out.data().asNioFloat();
        int w = (int) t.values.size(1);
        for (int p = 0; p < indices.length; p++) dst.put(p * w, src, indices[p] * w, w);
    }

    /** Rows per parallel chunk of the dense update: large enough that a chunk's work dwarfs the scheduling. */
    static final int CHUNK_ROWS = 1 << 14;

    /**
     * Every row, in chunks of {@link #CHUNK_ROWS} spread over the common fork-join pool: each float is updated by the
     * same arithmetic whichever thread runs it, so the result does not depend on the number of threads.
     */
    @Override
    public void denseAdam(Table t, RowGradient g, AdamStep s) {
        FloatBuffer th = t.values.data().asNioFloat(), mb = t.m.data().asNioFloat(), vb = t.v.data().asNioFloat();
        int rows = (int) t.values.size(0), w = (int) t.values.size(1);
        int[] touched = g.rows();
        float[] sums = g.sums();
        IntStream.range(0, (rows + CHUNK_ROWS - 1) / CHUNK_ROWS).parallel().forEach(chunk -> {
            int from = chunk * CHUNK_ROWS, to = Math.min(rows, from + CHUNK_ROWS);
            int next = Arrays.binarySearch(touched, from);
            if (next < 0) next = -next - 1;
            for (int row = from; row < to; row++) {
                boolean hit = next < touched.length && touched[next] == row;
                update(th, mb, vb, row * w, w, hit ? sums : null, next * w, s);
                if (hit) next++;
            }
        });
    }

    @Override
    public void lazyAdam(Table t, RowGradient g, AdamStep s) {
        FloatBuffer th = t.values.data().asNioFloat(), mb = t.m.data().asNioFloat(), vb = t.v.data().asNioFloat();
        int w = (int) t.values.size(1);
        int[] touched = g.rows();
        for (int i = 0; i < touched.length; i++) update(th, mb, vb, touched[i] * w, w, g.sums(), i * w, s);
    }

    /** Adam with coupled L2 on {@code w} consecutive floats at {@code base}; {@code grad} null means zero. */
    private static void update(FloatBuffer th, FloatBuffer mb, FloatBuffer vb, int base, int w, float[] grad, int gBase, AdamStep s) {
        float b1 = s.beta1(), b2 = s.beta2(), c1 = s.oneMinusBeta1(), c2 = s.oneMinusBeta2(), wd = s.weightDecay(), eps = s.eps();
        float stepSize = s.stepSize(), inv = s.invSqrtBc2();
        for (int d = 0; d < w; d++) {
            int i = base + d;
            float p = th.get(i);
            float gr = wd * p + (grad == null ? 0f : grad[gBase + d]);
            float m = b1 * mb.get(i) + c1 * gr;
            float v = b2 * vb.get(i) + c2 * gr * gr;
            mb.put(i, m);
            vb.put(i, v);
            th.put(i, p - stepSize * m / ((float) Math.sqrt(v) * inv + eps));
        }
    }
}
