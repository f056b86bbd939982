package org.collapselab.nn.embedding;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.collapselab.nn.HostFloats;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Java loops over the tables' host buffers (CPU backend: ND4J arrays are direct buffers in host memory), read through
 * windows of whole rows ({@link HostFloats}), so that a table above 2^29 floats (NFwFM 10× at Criteo's size) is
 * addressed as any other.
 */
final class DirectKernel implements TableKernel {
    private final int maxWindow;

    DirectKernel() {
        this(HostFloats.MAX_WINDOW);
    }

    /** With windows of at most {@code maxWindow} floats: small in tests, so that tables span many windows. */
    DirectKernel(int maxWindow) {
        this.maxWindow = maxWindow;
    }

    /** Positions per parallel piece of a lookup (a Criteo batch of 2048 rows has ten). */
    static final int LOOKUP_CHUNK = 1 << 13;

    /**
     * Each index's row of the interleaved table, one set's part into each target, in pieces over the common
     * fork-join pool: the copies wait on memory, and two cores keep twice as many reads in flight (DNN ME 4×, all
     * four sets: 4.3-5.5 ms a step against 4.6-8.1 ms on one core).
     */
    @Override
    public void lookup(Table t, int[] indices, INDArray[] out) {
        HostFloats src = HostFloats.rows(t.values, maxWindow);
        FloatBuffer[] dst = new FloatBuffer[out.length];
        for (int m = 0; m < dst.length; m++) dst[m] = out[m].data().asNioFloat();    // [B, F·width]: far below 2^29 floats
        int w = src.width() / dst.length;
        IntStream.range(0, (indices.length + LOOKUP_CHUNK - 1) / LOOKUP_CHUNK).parallel().forEach(piece -> {
            int to = Math.min(indices.length, (piece + 1) * LOOKUP_CHUNK);
            for (int p = piece * LOOKUP_CHUNK; p < to; p++) {
                FloatBuffer window = src.window(indices[p]);
                int row = src.offset(indices[p]);
                for (int m = 0; m < dst.length; m++) dst[m].put(p * w, window, row + m * w, w);
            }
        });
    }

    /** Rows per parallel chunk of the dense update: large enough that a chunk's work dwarfs the scheduling. */
    static final int CHUNK_ROWS = 1 << 14;

    /**
     * Floats per block a worker updates at once: its four arrays stay in a core's cache (blocks of 2^14 to 2^16 floats
     * ran at the same rate, 2^18 1.5x slower).
     */
    static final int BLOCK_FLOATS = 1 << 15;

    /** Each worker's block of values, first moments, second moments and gradients. */
    private static final ThreadLocal<float[][]> BLOCK = ThreadLocal.withInitial(() -> new float[4][BLOCK_FLOATS]);

    /**
     * Every row, in chunks of {@link #CHUNK_ROWS} spread over the common fork-join pool. A chunk goes in blocks of
     * whole rows: copied into Java arrays, its touched rows' gradients placed in a zeroed gradient array, updated in
     * one flat loop that C2 vectorises, and copied back (2-2.5x faster than row by row on the buffers: 10-12 against
     * 26-28 ms for 1.09 M rows of width 10, 41-44 against 83-101 ms at width 40, 2 cores). Every float gets the same arithmetic whichever thread runs it, so the
     * result does not depend on the number of threads.
     */
    @Override
    public void denseAdam(Table t, RowGradient g, AdamStep s) {
        HostFloats th = HostFloats.rows(t.values, maxWindow), mb = HostFloats.rows(t.m, maxWindow), vb = HostFloats.rows(t.v, maxWindow);
        int rows = (int) t.values.size(0), w = th.width();
        int blockRows = Math.max(1, BLOCK_FLOATS / w);
        int[] touched = g.rows();
        float[] sums = g.sums();
        IntStream.range(0, (rows + CHUNK_ROWS - 1) / CHUNK_ROWS).parallel().forEach(chunk -> {
            int chunkEnd = Math.min(rows, (chunk + 1) * CHUNK_ROWS);
            for (int from = chunk * CHUNK_ROWS; from < chunkEnd; from += blockRows) {
                int to = Math.min(chunkEnd, from + blockRows), n = (to - from) * w;
                float[][] a = n <= BLOCK_FLOATS ? BLOCK.get() : new float[4][n];
                float[] p = a[0], m = a[1], v = a[2], grad = a[3];
                th.get(from, to - from, p, 0);
                mb.get(from, to - from, m, 0);
                vb.get(from, to - from, v, 0);
                Arrays.fill(grad, 0, n, 0f);
                int next = Arrays.binarySearch(touched, from);
                if (next < 0) next = -next - 1;
                for (; next < touched.length && touched[next] < to; next++) System.arraycopy(sums, next * w, grad, (touched[next] - from) * w, w);
                update(p, m, v, grad, n, s);
                th.put(from, to - from, p, 0);
                mb.put(from, to - from, m, 0);
                vb.put(from, to - from, v, 0);
            }
        });
    }

    /** The touched rows only: gathered into arrays beside their gradient sums, updated, and written back. */
    @Override
    public void lazyAdam(Table t, RowGradient g, AdamStep s) {
        HostFloats th = HostFloats.rows(t.values, maxWindow), mb = HostFloats.rows(t.m, maxWindow), vb = HostFloats.rows(t.v, maxWindow);
        int w = th.width();
        int[] touched = g.rows();
        int n = touched.length * w;
        float[] p = new float[n], m = new float[n], v = new float[n];
        for (int i = 0; i < touched.length; i++) {
            th.get(touched[i], 1, p, i * w);
            mb.get(touched[i], 1, m, i * w);
            vb.get(touched[i], 1, v, i * w);
        }
        update(p, m, v, g.sums(), n, s);
        for (int i = 0; i < touched.length; i++) {
            th.put(touched[i], 1, p, i * w);
            mb.put(touched[i], 1, m, i * w);
            vb.put(touched[i], 1, v, i * w);
        }
    }

    /** Adam with coupled L2 on the first {@code n} floats of values p, moments m and v, with gradients grad, in place. */
    private static void update(float[] p, float[] m, float[] v, float[] grad, int n, AdamStep s) {
        float b1 = s.beta1(), b2 = s.beta2(), c1 = s.oneMinusBeta1(), c2 = s.oneMinusBeta2(), wd = s.weightDecay(), eps = s.eps();
        float stepSize = s.stepSize(), inv = s.invSqrtBc2();
        for (int i = 0; i < n; i++) {
            float gr = wd * p[i] + grad[i];
            float mi = b1 * m[i] + c1 * gr;
            float vi = b2 * v[i] + c2 * gr * gr;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * inv + eps);
        }
    }
}
